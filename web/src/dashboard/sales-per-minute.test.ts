import { record, series } from './sales-per-minute';

const at = (time: string) => `2026-11-22T12:${time}.000Z`;

describe('sales per minute', () => {
  it('adds sales and orders to the minute they happened in, and returns stock back out', () => {
    let buckets = record(new Map(), at('03:10'), { units: 2 });
    buckets = record(buckets, at('03:50'), { units: 1, orders: 1 });
    buckets = record(buckets, at('04:05'), { units: -1 });

    const points = series(buckets, Date.parse(at('04:30')), 3, (minute) => new Date(minute).toISOString().slice(11, 16));

    expect(points.map(({ label, units, orders }) => ({ label, units, orders }))).toEqual([
      { label: '12:02', units: 0, orders: 0 },
      { label: '12:03', units: 3, orders: 1 },
      { label: '12:04', units: -1, orders: 0 },
    ]);
  });
});
