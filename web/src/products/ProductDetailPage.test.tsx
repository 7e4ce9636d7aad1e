import { act, fireEvent, screen } from '@testing-library/react';
import { makeResult, type Operation } from '@urql/core';
import { fromValue, never } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { ProductDetailPage } from './ProductDetailPage';

const product = {
  __typename: 'Product',
  id: 'p1',
  name: 'Arabica coffee beans',
  keywords: ['coffee'],
  description: 'Whole arabica beans.',
  stock: 4,
  lowStockThreshold: 10,
  lowStock: true,
  archivedAt: null,
  price: { __typename: 'Money', amount: '14.90', currencyCode: 'EUR' },
  category: { __typename: 'Category', id: '1868', name: 'Coffee', path: 'Food, Beverages & Tobacco > Beverages > Coffee' },
  enrichment: {
    __typename: 'Enrichment',
    status: 'COMPLETE',
    source: 'LOCAL',
    error: null,
    confidence: 0.62,
    needsReview: true,
    categorySuggestions: [
      { __typename: 'CategorySuggestion', score: 0.62, category: { __typename: 'Category', id: '1868', path: 'Food, Beverages & Tobacco > Beverages > Coffee' } },
      { __typename: 'CategorySuggestion', score: 0.21, category: { __typename: 'Category', id: '2073', path: 'Food, Beverages & Tobacco > Beverages > Tea & Infusions' } },
    ],
  },
};

const movements = {
  __typename: 'Product',
  id: 'p1',
  stockMovements: {
    __typename: 'StockMovementConnection',
    totalCount: 2,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: [
      { __typename: 'StockMovementEdge', node: { __typename: 'StockMovement', id: 'm2', delta: -2, reason: 'DAMAGED', stock: 4, orderId: null, note: 'Dropped', occurredAt: '2026-12-01T10:05:00.000Z', changedBy: { __typename: 'User', id: 's1', name: 'Mara' } } },
      { __typename: 'StockMovementEdge', node: { __typename: 'StockMovement', id: 'm1', delta: 6, reason: 'INITIAL', stock: 6, orderId: null, note: null, occurredAt: '2026-12-01T10:00:00.000Z', changedBy: null } },
    ],
  },
};

const named = (operation: Operation) => operation.query.definitions.map((d) => ('name' in d ? d.name?.value : undefined)).find(Boolean);

function client(executeMutation = jest.fn(() => never)) {
  const executeQuery = jest.fn((operation: Operation) =>
    fromValue(makeResult(operation, { data: { product: named(operation) === 'StockHistory' ? movements : product } })),
  );
  return { client: mockClient({ executeQuery, executeMutation }), executeMutation };
}

describe('ProductDetailPage', () => {
  it('shows the AI confidence and suggestions, and the stock history with who and why', () => {
    renderWith(client().client, <ProductDetailPage id="p1" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Arabica coffee beans');
    expect(screen.getByTestId('confidence').textContent).toContain('62 %');
    expect(screen.getByTestId('confidence').textContent).toContain('Needs review');
    expect(screen.getByText(/Tea & Infusions/).textContent).toContain('21 %');
    const rows = [...screen.getByTestId('stock-history').querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows[0]).toContain('Damaged');
    expect(rows[0]).toContain('Dropped');
    expect(rows[0]).toContain('-2');
    expect(rows[0]).toContain('Mara');
    expect(rows[1]).toContain('Created with');
    expect(rows[1]).toContain('the shop');
  });

  it('records a stock adjustment with its reason and note, regenerates and archives', async () => {
    const { client: urql, executeMutation } = client();
    renderWith(urql, <ProductDetailPage id="p1" />);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'DAMAGED' } });
    fireEvent.change(screen.getByLabelText('Change in units'), { target: { value: '-3' } });
    fireEvent.change(screen.getByLabelText(/Note/), { target: { value: 'Broken in transit' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Record change' }));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate description and category' }));
    fireEvent.click(screen.getByRole('button', { name: 'Archive product' }));
    const variables = executeMutation.mock.calls.map((call) => (call as unknown as [Operation])[0].variables);
    expect(variables).toEqual([{ id: 'p1', delta: -3, reason: 'DAMAGED', note: 'Broken in transit' }, { productId: 'p1' }, { id: 'p1' }]);
  });
});
