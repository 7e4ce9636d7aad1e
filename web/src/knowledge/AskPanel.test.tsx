import { act, fireEvent, screen } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { fromValue } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { AskPanel } from './AskPanel';
import { HelpPage } from './HelpPage';

function answering(answer: Record<string, unknown>) {
  return jest.fn((operation: Operation) => fromValue({ operation, data: { answer: { __typename: 'Answer', ...answer } }, stale: false, hasNext: false }));
}

async function ask(question: string) {
  fireEvent.change(screen.getByLabelText('Your question'), { target: { value: question } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
  });
}

describe('AskPanel', () => {
  it('shows the answer and each quote, linking to its document at the quoted chunk', async () => {
    const executeQuery = answering({
      text: 'We refund to the original payment method within 5 working days.',
      grounded: true,
      citations: [
        { __typename: 'Citation', quote: 'within 5 working days', chunk: { __typename: 'Chunk', id: '42' }, document: { __typename: 'Document', id: 'd1', title: 'Returns' } },
      ],
    });
    renderWith(mockClient({ executeQuery }), <AskPanel title="Ask" placeholder="" />);
    await ask('  When do I get my money back? ');

    expect((executeQuery.mock.calls.at(-1) as unknown as [Operation])[0].variables).toEqual({ question: 'When do I get my money back?' });
    expect(screen.getByTestId('answer-text').textContent).toBe('We refund to the original payment method within 5 working days.');
    expect(screen.getByText('within 5 working days').tagName).toBe('BLOCKQUOTE');
    expect(screen.getByRole('link', { name: 'Returns' }).getAttribute('href')).toBe('/documents/d1#chunk-42');
  });

  it('says the documents do not cover a question, with no sources', async () => {
    const executeQuery = answering({ text: "The shop's documents do not cover this.", grounded: false, citations: [] });
    renderWith(mockClient({ executeQuery }), <HelpPage />);
    await ask('Do you sell cars?');
    expect(screen.getByTestId('answer-text').textContent).toContain('do not cover');
    expect(screen.queryByText('Sources')).toBeNull();
  });

  it('renders a quote holding markup as text', async () => {
    const executeQuery = answering({
      text: 'Answer <b>bold</b>',
      grounded: true,
      citations: [{ __typename: 'Citation', quote: '<img src=x onerror=alert(1)>', chunk: { __typename: 'Chunk', id: '1' }, document: { __typename: 'Document', id: 'd2', title: '<script>x</script>' } }],
    });
    const { container } = renderWith(mockClient({ executeQuery }), <AskPanel title="Ask" placeholder="" />);
    await ask('markup?');
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
