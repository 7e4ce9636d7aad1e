import { highlightParts, searchTerms } from './highlight';
import { mimeTypeOf, titleOf } from './file-types';
import { foldProgress } from './live-progress';

const marked = (text: string, query: string) => highlightParts(text, query).filter((part) => part.match).map((part) => part.text);

describe('highlightParts', () => {
  it('marks the searched words and their other endings, not stop words or parts of other words', () => {
    expect(marked('Returned items are refunded when we receive the return.', 'how do I return an item for a refund')).toEqual([
      'Returned',
      'items',
      'refunded',
      'return',
    ]);
    expect(marked('Delivery is free; delivered parcels are insured.', 'delivery')).toEqual(['Delivery', 'delivered']);
    expect(marked('The theatre is closed.', 'the')).toEqual([]);
  });

  it('keeps every character of the text, in order, markup included as plain text', () => {
    const text = '<img src=x onerror=alert(1)> Refunds take 5 days.';
    const parts = highlightParts(text, 'refunds');
    expect(parts.map((part) => part.text).join('')).toBe(text);
    expect(parts.find((part) => part.match)?.text).toBe('Refunds');
  });

  it('takes words of three letters or more from the query, once each', () => {
    expect(searchTerms('Can I RETURN, return my TV?')).toEqual(['return']);
  });
});

describe('file types', () => {
  it('knows .md, .txt and .html files, and nothing else', () => {
    expect(mimeTypeOf({ name: 'Returns.MD', type: '' })).toBe('text/markdown');
    expect(mimeTypeOf({ name: 'faq.txt', type: 'text/plain' })).toBe('text/plain');
    expect(mimeTypeOf({ name: 'page.htm', type: '' })).toBe('text/html');
    expect(mimeTypeOf({ name: 'sheet.pdf', type: 'application/pdf' })).toBeNull();
    expect(titleOf('returns-policy_v2.md')).toBe('returns policy v2');
  });
});

describe('foldProgress', () => {
  const state = (status: string, progress: number) => ({ id: 'd1', status, stage: null, progress, chunkCount: 4, failureReason: null }) as never;
  it('never takes progress back, and always takes the end of an ingest', () => {
    expect(foldProgress(state('PROCESSING', 0.6), state('PROCESSING', 0.4))).toMatchObject({ progress: 0.6 });
    expect(foldProgress(state('PROCESSING', 0.6), state('PROCESSING', 0.8))).toMatchObject({ progress: 0.8 });
    expect(foldProgress(state('PROCESSING', 0.9), state('FAILED', 0.5))).toMatchObject({ status: 'FAILED' });
  });
});
