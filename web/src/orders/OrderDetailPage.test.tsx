import { act, fireEvent, screen } from '@testing-library/react';
import { makeResult, type Operation } from '@urql/core';
import { fromValue, never } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { OrderDetailPage } from './OrderDetailPage';

const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'EUR' });
const order = {
  __typename: 'Order',
  id: 'o1',
  number: 7,
  status: 'PAID',
  createdAt: '2026-12-01T10:00:00.000Z',
  total: money('34.60'),
  customer: { __typename: 'User', id: 'u1', name: 'Ana Shopper', email: 'ana@bodega.test' },
  items: [
    { __typename: 'OrderItem', quantity: 2, unitPrice: money('12.50'), subtotal: money('25.00'), product: { __typename: 'Product', id: 'p1', name: 'Enamel mug' } },
    { __typename: 'OrderItem', quantity: 3, unitPrice: money('3.20'), subtotal: money('9.60'), product: null },
  ],
  statusHistory: [
    { __typename: 'OrderStatusChange', status: 'PLACED', changedAt: '2026-12-01T10:00:00.000Z', changedBy: { __typename: 'User', id: 'u1', name: 'Ana Shopper', email: 'ana@bodega.test' } },
    { __typename: 'OrderStatusChange', status: 'PAID', changedAt: '2026-12-01T10:05:00.000Z', changedBy: { __typename: 'User', id: 's1', name: 'Mara Staff', email: 'mara@bodega.test' } },
  ],
};

describe('OrderDetailPage', () => {
  it('shows items, subtotals, the total and who moved the order when', () => {
    const executeQuery = jest.fn((operation: Operation) => fromValue(makeResult(operation, { data: { order } })));
    renderWith(mockClient({ executeQuery }), <OrderDetailPage id="o1" staff />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Order #7');
    const rows = screen.getAllByRole('row').map((row) => row.textContent);
    expect(rows.some((text) => text?.includes('Enamel mug') && text.includes('2'))).toBe(true);
    expect(rows.some((text) => text?.includes('details unavailable'))).toBe(true);
    expect(screen.getByTestId('order-total').textContent).toContain('34.60');
    const history = screen.getByTestId('status-history').querySelectorAll('li');
    expect([...history].map((item) => item.textContent)).toEqual([expect.stringContaining('PLACED'), expect.stringContaining('PAID')]);
    expect(history[1]!.textContent).toContain('by Mara Staff');
  });

  it('asks before cancelling, and cancels only on yes', async () => {
    const executeQuery = jest.fn((operation: Operation) => fromValue(makeResult(operation, { data: { order } })));
    const executeMutation = jest.fn(() => never);
    renderWith(mockClient({ executeQuery, executeMutation }), <OrderDetailPage id="o1" staff={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(executeMutation).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog').textContent).toContain('Cancel order #7?');
    fireEvent.click(screen.getByRole('button', { name: 'Keep the order' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(executeMutation).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel the order' }));
    });
    const operation = (executeMutation.mock.calls[0] as unknown as [Operation])[0];
    expect(operation.variables).toEqual({ id: 'o1' });
  });

  it('says when there is no such order', () => {
    const executeQuery = jest.fn((operation: Operation) => fromValue(makeResult(operation, { data: { order: null } })));
    renderWith(mockClient({ executeQuery }), <OrderDetailPage id="nope" staff />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Order not found');
  });
});
