import { act, fireEvent, screen } from '@testing-library/react';
import type { Operation } from '@urql/core';
import { fromValue } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { SearchPanel } from './SearchPanel';

const hit = (id: string, score: number, text: string, title: string) => ({
  __typename: 'SearchResult',
  score,
  chunk: { __typename: 'Chunk', id, text, headingPath: ['Returns', 'Refunds'], document: { __typename: 'Document', id: `d${id}`, title } },
});

describe('SearchPanel', () => {
  it('lists the ranked chunks with the searched words marked, escaping what they hold', async () => {
    const executeQuery = jest.fn((operation: Operation) =>
      fromValue({
        operation,
        data: { search: [hit('1', 1, 'Refunds reach your card within 5 days. <script>alert(1)</script>', 'Returns policy'), hit('2', 0.4, 'Gift cards are not refunded.', 'Gift cards')] },
        stale: false,
        hasNext: false,
      }),
    );
    const { container } = renderWith(mockClient({ executeQuery }), <SearchPanel />);
    fireEvent.change(screen.getByLabelText('Search the documents'), { target: { value: 'refund card' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    });

    expect((executeQuery.mock.calls.at(-1) as unknown as [Operation])[0].variables).toEqual({ query: 'refund card', first: 10 });
    const results = screen.getByRole('list', { name: 'Search results' }).querySelectorAll(':scope > li');
    expect([...results].map((li) => li.querySelector('a')?.textContent)).toEqual(['Returns policy', 'Gift cards']);
    expect([...container.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Refunds', 'card', 'cards', 'refunded']);
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(screen.getByRole('link', { name: 'Returns policy' }).getAttribute('href')).toBe('/documents/d1#chunk-1');
  });
});
