import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkContent } from '../src/chunking';
import { prepareContent, MAX_DOCUMENT_BYTES } from '../src/ingest/content';

const GOLDEN = join(__dirname, 'golden');

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: unknown) {
  const file = join(GOLDEN, `${name}.golden.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function chunksOf(file: string, mimeType: string) {
  const prepared = prepareContent(readFileSync(join(GOLDEN, file), 'utf8'), mimeType);
  const chunks = chunkContent(prepared.text, prepared.format, { maxTokens: 80, overlapTokens: 20, minTokens: 15 });
  for (const chunk of chunks) expect(prepared.text.slice(chunk.startOffset, chunk.endOffset)).toBe(chunk.text);
  return { text: prepared.text, chunks };
}

describe('chunking', () => {
  it('splits Markdown by heading: paths kept, fences whole, long sections packed with overlap, no chunk across top-level sections', () => {
    const { text, chunks } = chunksOf('policy.md', 'text/markdown');
    expectGolden('policy.md', chunks);
    const fence = chunks.find((chunk) => chunk.text.includes('```'));
    expect(fence?.text).toMatch(/^```[\s\S]*EXPRESS-NEXT-DAY[\s\S]*```$/m);
    expect(chunks.every((chunk) => chunk.headingPath[0] === 'Delivery guide')).toBe(true);
    const sections = new Set(chunks.map((chunk) => chunk.headingPath[1]));
    expect(sections).toEqual(new Set([undefined, 'Standard delivery', 'Express delivery', 'Returns']));
    for (const chunk of chunks) expect(chunk.text.includes('## ') && !chunk.text.includes('### ')).toBe(false);
    const standard = chunks.filter((chunk) => chunk.headingPath[1] === 'Standard delivery');
    expect(standard.length).toBeGreaterThan(1);
    expect(standard[1]!.startOffset).toBeLessThan(standard[0]!.endOffset); // overlap
    expect(text).not.toContain('\n\n\n');
  });

  it('splits plain text by paragraph, then sentence, keeping abbreviations inside sentences', () => {
    const { chunks } = chunksOf('faq.txt', 'text/plain');
    expectGolden('faq.txt', chunks);
    expect(chunks.every((chunk) => chunk.headingPath.length === 0)).toBe(true);
    expect(chunks.some((chunk) => chunk.text.includes('Mr. Silva, our logistics lead, expects the U.K. to follow in spring.'))).toBe(true);
    expect(chunks[0]!.text).toBe('Frequently asked questions\n\nCan I change my order? You can cancel an order until it ships. After that, return it when it arrives.');
  });

  it('turns HTML into sanitised Markdown (headings, lists, links, tables), then chunks it by heading', () => {
    const { text, chunks } = chunksOf('page.html', 'text/html');
    expectGolden('page.html', { text, chunks });
    expect(text).toContain('# Warranty');
    expect(text).toContain('| Kettle | 5 |');
    expect(text).toContain('[your account](https://bodega.example/account)');
    expect(text).not.toMatch(/script|onerror|javascript:|alert|<img/i);
  });
});

describe('document content', () => {
  it.each([
    ['application/pdf', 'input.mimeType', /not supported/],
    ['image/svg+xml', 'input.mimeType', /not supported/],
  ])('refuses the type %s as BAD_USER_INPUT', (mimeType, field, message) => {
    expect(() => prepareContent('hello there', mimeType)).toThrow(message);
    try {
      prepareContent('hello there', mimeType);
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('accepts a type with parameters, and guesses a missing one', () => {
    expect(prepareContent('<p>Hi there</p>', 'text/html; charset=utf-8').mimeType).toBe('text/html');
    expect(prepareContent('# Title\n\nBody text.', null)).toMatchObject({ mimeType: 'text/markdown', format: 'markdown' });
    expect(prepareContent('<!doctype html><p>Hi</p>', undefined).mimeType).toBe('text/html');
    expect(prepareContent('Just words.', undefined)).toMatchObject({ mimeType: 'text/plain', format: 'plain' });
  });

  it('refuses empty documents, documents that are only markup, and documents over the size limit', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { extensions: { code: string; field: string }; message: string });
      }
      throw new Error('did not throw');
    };
    expect(codeOf(() => prepareContent('   \n ', 'text/plain'))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.content' }, message: expect.stringMatching(/empty/) });
    expect(codeOf(() => prepareContent('<script>alert(1)</script><style>p{}</style>', 'text/html')).message).toMatch(/nothing readable/);
    const big = 'a'.repeat(MAX_DOCUMENT_BYTES + 1);
    expect(codeOf(() => prepareContent(big, 'text/plain'))).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.content' }, message: expect.stringMatching(/512 KiB/) });
    // UTF-8 bytes, not characters, count: 200 Ki three-byte characters are 600 KiB.
    expect(() => prepareContent('€'.repeat(200 * 1024), 'text/plain')).toThrow(/limit is 512 KiB/);
    expect(prepareContent('a'.repeat(MAX_DOCUMENT_BYTES), 'text/plain').text).toHaveLength(MAX_DOCUMENT_BYTES);
  });

  it('hashes the cleaned content, so markup that changes nothing is the same content', () => {
    const a = prepareContent('<p>Returns within 30 days.</p>', 'text/html');
    const b = prepareContent('<p>Returns within 30 days.</p><script>evil()</script>', 'text/html');
    expect(a.contentHash).toBe(b.contentHash);
    expect(prepareContent('Returns within 31 days.', 'text/html').contentHash).not.toBe(a.contentHash);
  });
});
