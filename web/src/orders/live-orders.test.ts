import { makeFragmentData } from '../graphql/generated';
import { LiveOrderFragment } from './documents';
import { foldOrderEvent, mergeOrders, type LiveOrder, type OrderEvent } from './live-orders';

function order(id: string, status: LiveOrder['status'], updatedAt: string, createdAt = '2026-11-22T12:00:00.000Z'): LiveOrder {
  return { id, status, createdAt, updatedAt };
}

const event = (o: LiveOrder, type: OrderEvent['type'] = 'STATUS_CHANGED'): OrderEvent => ({
  type,
  previousStatus: null,
  occurredAt: o.updatedAt,
  order: makeFragmentData(o, LiveOrderFragment),
});

describe('live orders', () => {
  it('keeps the newest state of each order, whatever order the events arrive in', () => {
    let live = foldOrderEvent(undefined, event(order('o1', 'SHIPPED', '2026-11-22T12:02:00.000Z')));
    live = foldOrderEvent(live, event(order('o1', 'PAID', '2026-11-22T12:01:00.000Z')));
    expect(live.get('o1')?.status).toBe('SHIPPED');
  });

  it('updates listed orders in place and puts orders placed since on top', () => {
    const listed = [order('o1', 'PLACED', '2026-11-22T12:00:00.000Z')];
    const live = new Map([
      ['o1', order('o1', 'PAID', '2026-11-22T12:01:00.000Z')],
      ['o2', order('o2', 'PLACED', '2026-11-22T12:03:00.000Z', '2026-11-22T12:03:00.000Z')],
    ]);
    expect(mergeOrders(listed, live, true).map((o) => `${o.id}:${o.status}`)).toEqual(['o2:PLACED', 'o1:PAID']);
    expect(mergeOrders(listed, live, false).map((o) => `${o.id}:${o.status}`)).toEqual(['o1:PAID']);
  });

  it('prefers a refetched list that is newer than the last event', () => {
    const listed = [order('o1', 'DELIVERED', '2026-11-22T12:05:00.000Z')];
    const live = new Map([['o1', order('o1', 'SHIPPED', '2026-11-22T12:04:00.000Z')]]);
    expect(mergeOrders(listed, live, true)[0]?.status).toBe('DELIVERED');
  });
});
