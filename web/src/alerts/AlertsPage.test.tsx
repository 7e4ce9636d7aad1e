import { act, screen, within } from '@testing-library/react';
import { makeResult, type Operation } from '@urql/core';
import { fromValue, makeSubject } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { AlertsPage } from './AlertsPage';

function alert(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'StockAlert',
    id: 'a1',
    kind: 'LOW_STOCK',
    open: true,
    resolvedAt: null,
    stock: 3,
    threshold: 10,
    occurredAt: '2026-12-01T10:00:00.000Z',
    product: { __typename: 'Product', id: 'p1', name: 'Arabica coffee beans' },
    delivery: { __typename: 'AlertDelivery', status: 'NOT_CONFIGURED', attempts: 0, lastError: null },
    ...overrides,
  };
}

const page = (nodes: unknown[]) => ({
  stockAlerts: { __typename: 'StockAlertConnection', pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: nodes.map((node) => ({ __typename: 'StockAlertEdge', node })) },
});

describe('AlertsPage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says the webhook is not configured, shows out of stock as its own alert, and never polls', async () => {
    const executeQuery = jest.fn((operation: Operation) =>
      fromValue(makeResult(operation, { data: page([alert({ id: 'a2', kind: 'OUT_OF_STOCK', stock: 0 }), alert()]) })),
    );
    renderWith(mockClient({ executeQuery }), <AlertsPage />);
    const [out, low] = screen.getAllByTestId('alert');
    expect(out!.textContent).toContain('Arabica coffee beans is out of stock');
    expect(low!.textContent).toContain('is low on stock: 3 left (threshold 10)');
    expect(within(low!).getByTestId('delivery-status').textContent).toContain('Webhook: not configured');
    expect(screen.queryByText(/sending…/)).toBeNull();
    const asked = executeQuery.mock.calls.length;
    await act(async () => {
      jest.advanceTimersByTime(30_000);
    });
    expect(executeQuery.mock.calls.length).toBe(asked);
  });

  it('shows an alert as resolved when the subscription streams its resolution', async () => {
    const executeQuery = jest.fn((operation: Operation) => fromValue(makeResult(operation, { data: page([alert()]) })));
    const stream = makeSubject<ReturnType<typeof makeResult>>();
    let subscription: Operation | undefined;
    const executeSubscription = jest.fn((operation: Operation) => {
      if (operation.query.definitions.some((d) => 'name' in d && d.name?.value === 'StockAlertUpdates')) {
        subscription = operation;
        return stream.source;
      }
      return makeSubject<ReturnType<typeof makeResult>>().source;
    });
    renderWith(mockClient({ executeQuery, executeSubscription }), <AlertsPage />);
    expect(screen.getByTestId('alert').dataset.open).toBe('true');
    expect(subscription).toBeDefined();

    await act(async () => {
      stream.next(makeResult(subscription!, { data: { stockAlertUpdated: alert({ open: false, resolvedAt: '2026-12-01T10:05:00.000Z' }) } }));
    });
    const row = screen.getByTestId('alert');
    expect(row.dataset.open).toBe('false');
    expect(row.textContent).toContain('Resolved');
    expect(row.textContent).toContain('stock back');
    expect(screen.getByRole('heading', { name: /Feed/ }).textContent).toContain('0 open');
  });
});
