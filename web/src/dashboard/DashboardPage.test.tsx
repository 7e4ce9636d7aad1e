import { act, fireEvent, screen } from '@testing-library/react';
import { makeResult, type Operation } from '@urql/core';
import { fromValue, makeSubject, never } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { DashboardPage } from './DashboardPage';
import { change } from './KpiTiles';

const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'EUR' });
const figures = (revenue: string, orders: number, aov: string, units: number) => ({
  __typename: 'SalesFigures',
  revenue: money(revenue),
  orders,
  averageOrderValue: money(aov),
  units,
});

function summary(range: string, orders: number) {
  return {
    salesSummary: {
      __typename: 'SalesSummary',
      range,
      from: '2026-12-01T10:00:00.000Z',
      to: '2099-12-01T10:15:00.000Z',
      current: figures('37.50', orders, '18.75', 3),
      previous: figures('50.00', 1, '50.00', 4),
      buckets: [{ __typename: 'SalesBucket', start: '2026-12-01T10:14:00.000Z', orders, units: 3 }],
    },
  };
}

const named = (operation: Operation) => operation.query.definitions.map((d) => ('name' in d ? d.name?.value : undefined)).find(Boolean);

describe('DashboardPage', () => {
  it('shows the server aggregates as KPI tiles against the previous period, and asks again (never counts) when an order changes', async () => {
    const summaries: Array<{ requestPolicy?: string }> = [];
    const executeQuery = jest.fn((operation: Operation, options?: { requestPolicy?: string }) => {
      if (named(operation) !== 'SalesSummary') return never;
      summaries.push({ requestPolicy: options?.requestPolicy ?? operation.context?.requestPolicy });
      return fromValue(makeResult(operation, { data: summary(operation.variables!.range as string, summaries.length === 1 ? 2 : 3) }));
    });
    const orders = makeSubject<ReturnType<typeof makeResult>>();
    let orderOperation: Operation | undefined;
    const executeSubscription = jest.fn((operation: Operation) => {
      if (named(operation) !== 'OrderActivity') return never;
      orderOperation = operation;
      return orders.source;
    });
    renderWith(mockClient({ executeQuery, executeSubscription }), <DashboardPage />);

    const tiles = screen.getAllByTestId('kpi').map((tile) => tile.textContent);
    expect(tiles[0]).toContain('Revenue');
    expect(tiles[0]).toContain('−25 % vs previous 15 minutes');
    expect(tiles[1]).toMatch(/Orders2\+100 %/);
    expect(tiles[2]).toContain('Average order value');
    expect(tiles[3]).toMatch(/Units3−25 %/);
    expect(screen.getByText(/Sales per minute, last 15 minutes: 3 units sold, 2 orders placed/)).toBeTruthy();

    await act(async () => {
      orders.next(makeResult(orderOperation!, { data: { orderEvent: { __typename: 'OrderEvent', type: 'PLACED', occurredAt: new Date().toISOString() } } }));
    });
    expect(summaries.at(-1)?.requestPolicy).toBe('network-only');
    expect(screen.getByText(/3 orders placed/)).toBeTruthy();
  });

  it('asks for the chosen range', async () => {
    const ranges: unknown[] = [];
    const executeQuery = jest.fn((operation: Operation) => {
      if (named(operation) !== 'SalesSummary') return never;
      ranges.push(operation.variables!.range);
      return fromValue(makeResult(operation, { data: summary(operation.variables!.range as string, 1) }));
    });
    renderWith(mockClient({ executeQuery }), <DashboardPage />);
    fireEvent.click(screen.getByLabelText('7 days'));
    expect(ranges).toContain('LAST_7_DAYS');
    expect(screen.getByRole('heading', { name: 'Sales per day' })).toBeTruthy();
  });

  it('words the change against the previous period', () => {
    expect(change(3, 2)).toBe('+50 %');
    expect(change(1, 4)).toBe('−75 %');
    expect(change(2, 0)).toBe('new');
    expect(change(0, 0)).toBe('no change');
  });
});
