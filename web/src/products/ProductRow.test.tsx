import { act, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { CombinedError, type Operation } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { makeFragmentData } from '../graphql/generated';
import type { ProductDetailsFragment as ProductDetails } from '../graphql/generated/graphql';
import { ProductDetailsFragment } from './documents';
import { ProductRow } from './ProductRow';

const soap: ProductDetails = {
  id: 'p2',
  name: 'Lavender soap',
  keywords: [],
  description: null,
  stock: 3,
  lowStockThreshold: 10,
  lowStock: true,
  price: { amount: '3.50', currencyCode: 'EUR' },
  category: null,
  enrichment: { status: 'SKIPPED', source: 'MANUAL', error: null },
};

function inTable(ui: ReactElement) {
  return (
    <table>
      <tbody>{ui}</tbody>
    </table>
  );
}

describe('ProductRow', () => {
  it('shows the stock from the live feed over the listed one', () => {
    renderWith(mockClient(), inTable(<ProductRow product={makeFragmentData(soap, ProductDetailsFragment)} live={{ stock: 1, version: 7, delta: -2, reason: 'ORDER', at: '2026-11-22T12:00:00Z' }} onEdit={() => undefined} />));
    expect(screen.getByTestId('stock').textContent).toBe('1');
    expect(screen.getByText(/-2 order/)).toBeTruthy();
  });

  it('explains OUT_OF_STOCK when a simulated sale finds nothing left', async () => {
    const executeMutation = jest.fn((operation: Operation) =>
      fromValue({
        operation,
        data: undefined,
        error: new CombinedError({ graphQLErrors: [new GraphQLError('Only 0 of "Lavender soap" in stock; 1 requested.', { extensions: { code: 'OUT_OF_STOCK' } })] }),
        stale: false,
        hasNext: false,
      }),
    );
    renderWith(mockClient({ executeMutation }), inTable(<ProductRow product={makeFragmentData({ ...soap, stock: 0 }, ProductDetailsFragment)} live={undefined} onEdit={() => undefined} />));

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Simulate sale of Lavender soap' }));
    });

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Out of stock.');
    expect(alert.textContent).toContain('Only 0 of "Lavender soap" in stock; 1 requested.');
    expect((executeMutation.mock.calls[0] as unknown as [Operation])[0].variables).toEqual({ id: 'p2', quantity: 1 });
  });
});
