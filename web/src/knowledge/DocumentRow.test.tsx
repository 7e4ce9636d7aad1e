import { act, fireEvent, screen } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { fromValue, makeSubject, never } from 'wonka';
import type { ReactElement } from 'react';
import { mockClient, renderWith } from '../../test/render';
import { makeFragmentData } from '../graphql/generated';
import type { KnowledgeDocumentFragment as KnowledgeDocument } from '../graphql/generated/graphql';
import { KnowledgeDocumentFragment } from './documents';
import { DocumentRow } from './DocumentRow';

const pending: KnowledgeDocument = {
  id: 'd1',
  title: 'Returns policy',
  mimeType: 'text/markdown',
  visibility: 'INTERNAL',
  version: 1,
  status: 'PENDING',
  stage: null,
  progress: 0,
  chunkCount: 0,
  failureReason: null,
  updatedAt: '2026-11-22T12:00:00Z',
};

const inTable = (ui: ReactElement) => (
  <table>
    <tbody>{ui}</tbody>
  </table>
);

describe('DocumentRow', () => {
  it('moves its progress bar with the live ingest, never back, and shows the chunk count when READY', async () => {
    const feed = makeSubject<Record<string, unknown>>();
    const executeSubscription = jest.fn((operation: Operation) => {
      expect(operation.variables).toEqual({ id: 'd1' });
      return feed.source;
    });
    renderWith(mockClient({ executeSubscription }), inTable(<DocumentRow document={makeFragmentData(pending, KnowledgeDocumentFragment)} />));
    const push = (status: string, stage: string | null, progress: number, chunkCount: number) =>
      act(async () => {
        feed.next({
          operation: executeSubscription.mock.calls[0]![0],
          data: { documentStatusChanged: { __typename: 'Document', id: 'd1', status, stage, progress, chunkCount, failureReason: null } },
          stale: false,
          hasNext: true,
        });
      });

    await push('PROCESSING', 'EMBEDDING', 0.5, 12);
    const bar = () => screen.getByRole('progressbar', { name: 'Ingest of Returns policy' }) as HTMLProgressElement;
    expect(bar().value).toBe(50);
    expect(screen.getByTestId('document-status').textContent).toBe('PROCESSING (embedding)');
    await push('PROCESSING', 'EMBEDDING', 0.3, 12);
    expect(bar().value).toBe(50);
    await push('READY', null, 1, 12);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('document-status').textContent).toBe('READY');
    expect(screen.getByTestId('chunk-count').textContent).toBe('12');
    expect(screen.getByText('Internal')).toBeTruthy();
  });

  it('deletes the document, and re-ingests it from a new file under the same id', async () => {
    const executeMutation = jest.fn((operation: Operation) => fromValue({ operation, data: { deleteDocument: 'd1' }, stale: false, hasNext: false }));
    const ready = { ...pending, status: 'READY' as const, progress: 1, chunkCount: 3 };
    renderWith(mockClient({ executeMutation, executeSubscription: jest.fn(() => never) }), inTable(<DocumentRow document={makeFragmentData(ready, KnowledgeDocumentFragment)} />));

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete Returns policy' }));
    });
    expect((executeMutation.mock.calls[0] as unknown as [Operation])[0].variables).toEqual({ id: 'd1' });

    const file = new File(['# Returns\n\nNow 60 days.'], 'returns.md', { type: '' });
    Object.defineProperty(file, 'text', { value: async () => '# Returns\n\nNow 60 days.' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('New content for Returns policy'), { target: { files: [file] } });
    });
    expect((executeMutation.mock.calls[1] as unknown as [Operation])[0].variables).toEqual({
      input: { documentId: 'd1', title: 'Returns policy', visibility: 'INTERNAL', mimeType: 'text/markdown', content: '# Returns\n\nNow 60 days.' },
    });
  });
});
