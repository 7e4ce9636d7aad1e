import { act, fireEvent, screen } from '@testing-library/react';
import { CombinedError, type Operation } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { IngestForm } from './IngestForm';

function textFile(content: string, name: string, type = ''): File {
  const file = new File([content], name, { type });
  Object.defineProperty(file, 'text', { value: async () => content });
  return file;
}

const queued = { __typename: 'Document', id: 'd1', title: 'shipping policy', mimeType: 'text/html', visibility: 'PUBLIC', version: 1, status: 'PENDING', stage: null, progress: 0, chunkCount: 0, failureReason: null, updatedAt: '2026-11-22T12:00:00Z' };

describe('IngestForm', () => {
  it('reads an uploaded file, names the document after it and sends its type', async () => {
    const executeMutation = jest.fn((operation: Operation) => fromValue({ operation, data: { ingestDocument: queued }, stale: false, hasNext: false }));
    renderWith(mockClient({ executeMutation }), <IngestForm />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/File/), { target: { files: [textFile('<h1>Shipping</h1><p>2 days.</p>', 'shipping-policy.html')] } });
    });
    fireEvent.change(screen.getByLabelText('Who may read it'), { target: { value: 'INTERNAL' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add document' }));
    });
    expect((executeMutation.mock.calls[0] as unknown as [Operation])[0].variables).toEqual({
      input: { title: 'shipping policy', content: '<h1>Shipping</h1><p>2 days.</p>', mimeType: 'text/html', visibility: 'INTERNAL' },
    });
    expect(screen.getByRole('status').textContent).toContain('“shipping policy” is being ingested');
  });

  it('refuses a file of another type before sending anything', async () => {
    const executeMutation = jest.fn();
    renderWith(mockClient({ executeMutation }), <IngestForm />);
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/File/), { target: { files: [textFile('%PDF', 'sheet.pdf', 'application/pdf')] } });
    });
    expect(screen.getByRole('alert').textContent).toBe('sheet.pdf is not a .md, .txt or .html file.');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("sends pasted text, and shows the server's reason when it is refused", async () => {
    const executeMutation = jest.fn((operation: Operation) =>
      fromValue({
        operation,
        data: undefined,
        error: new CombinedError({ graphQLErrors: [new GraphQLError('Only STAFF or ADMIN may add documents to the knowledge base; you are CUSTOMER.', { extensions: { code: 'FORBIDDEN' } })] }),
        stale: false,
        hasNext: false,
      }),
    );
    renderWith(mockClient({ executeMutation }), <IngestForm />);
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'FAQ' } });
    fireEvent.change(screen.getByLabelText(/Content/), { target: { value: 'Plain answers.' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'text/plain' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add document' }));
    });
    expect((executeMutation.mock.calls[0] as unknown as [Operation])[0].variables).toEqual({ input: { title: 'FAQ', content: 'Plain answers.', mimeType: 'text/plain', visibility: 'PUBLIC' } });
    expect(screen.getByRole('alert').textContent).toContain('Not allowed.');
  });
});
