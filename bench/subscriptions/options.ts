import { z } from '@bodega/config';
import { benchOptions, count, list, stackShape } from '../lib/options';

/** One scenario: `subscribers` sockets, each with one subscription, spread over `distinct` productIds. */
export interface SubscriptionScenario {
  /** As given on the command line: `1000`, `1000x100` or `10000@500`. */
  name: string;
  subscribers: number;
  /** Distinct (document, variables) pairs; 1 = every subscriber shares one upstream subscription. */
  distinct: number;
  /** Milliseconds between sales in this scenario, when it overrides `--interval`. */
  intervalMs?: number;
}

/** Sockets on each side stay under `ulimit -n` 20000 with room for the servers' own files. */
const MAX_SUBSCRIBERS = 15_000;

const scenario = z
  .string()
  .regex(/^\d+(x\d+)?(@\d+)?$/, 'is N, NxD or N@MS (N subscribers, over D productIds, a sale every MS ms)')
  .transform((name): SubscriptionScenario => {
    const [shape = '', interval] = name.split('@');
    const [subscribers = 0, distinct = 1] = shape.split('x').map(Number);
    return { name, subscribers, distinct, ...(interval ? { intervalMs: Number(interval) } : {}) };
  })
  .refine((s) => s.subscribers >= 1 && s.subscribers <= MAX_SUBSCRIBERS, `subscribers must be 1 to ${MAX_SUBSCRIBERS}`)
  .refine((s) => s.distinct >= 1 && s.distinct <= Math.min(s.subscribers, 1000), 'D must be 1 to min(N, 1000)')
  .refine((s) => s.intervalMs === undefined || (s.intervalMs >= 1 && s.intervalMs <= 10_000), 'MS must be 1 to 10000');

/** The subscriptions bench's options: `--sales` / `BENCH_SALES` and so on (bench/lib/options.ts). */
export const subscriptionsOptions = benchOptions({
  /** `N` = N subscribers of one subscription, `NxD` = spread over D productIds, `@MS` = a sale every MS ms in this scenario instead of `--interval`. */
  scenarios: list('1,1000,1000x100,10000@500,10000', scenario).describe('scenarios, in order: N, NxD or N@MS'),
  sales: count(50, 1, 1000).describe('timed sales per scenario; at least one per distinct product'),
  interval: count(50, 1, 10_000).describe("milliseconds from one sale's start to the next one's"),
  batch: count(500, 1, 5000).describe('sockets opened and subscribed at a time'),
  settle: count(2, 0, 60).describe('seconds of quiet before memory is read, after connecting and after disconnecting'),
  ...stackShape('bodega_bench_subscriptions', 'the gateway process'),
  heapSnapshotDir: z.string().min(1).optional().describe("writes a heap snapshot of the gateway here once each scenario's subscribers are idle"),
  /** Default: none, as the Dockerfile runs it. */
  gatewayNodeArgs: z
    .string()
    .default('')
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^--[a-z0-9-]+(=[\w.,-]+)?$/, 'is a --flag or --flag=value')))
    .describe('extra Node flags for the gateway process only, space-separated, e.g. --max-semi-space-size=64'),
});

export type SubscriptionBenchOptions = ReturnType<typeof subscriptionsOptions.parse>;
