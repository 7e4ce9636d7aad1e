/** Units sold and orders placed per minute, keyed by the minute's start (ms since the epoch). */
export type MinuteBuckets = ReadonlyMap<number, { units: number; orders: number }>;

export interface MinutePoint {
  minute: number;
  label: string;
  units: number;
  orders: number;
}

const MINUTE = 60_000;

export function minuteOf(at: string | number): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** Adds sold units (negative for returned stock) and placed orders to the minute they happened in. */
export function record(buckets: MinuteBuckets, at: string, change: { units?: number; orders?: number }): Map<number, { units: number; orders: number }> {
  const next = new Map(buckets);
  const key = minuteOf(at);
  const current = next.get(key) ?? { units: 0, orders: 0 };
  next.set(key, { units: current.units + (change.units ?? 0), orders: current.orders + (change.orders ?? 0) });
  return next;
}

/** The last `minutes` minutes up to `now`, oldest first, with zeros for quiet minutes. */
export function series(buckets: MinuteBuckets, now: number, minutes: number, format: (minute: number) => string = defaultLabel): MinutePoint[] {
  const last = minuteOf(now);
  const points: MinutePoint[] = [];
  for (let i = minutes - 1; i >= 0; i -= 1) {
    const minute = last - i * MINUTE;
    const bucket = buckets.get(minute);
    points.push({ minute, label: format(minute), units: bucket?.units ?? 0, orders: bucket?.orders ?? 0 });
  }
  return points;
}

function defaultLabel(minute: number): string {
  return new Date(minute).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
