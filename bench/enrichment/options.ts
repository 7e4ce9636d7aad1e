import { z } from '@bodega/config';
import { benchOptions, count, databaseShape } from '../lib/options';

/** The enrichment bench's options: `--requests` / `BENCH_REQUESTS` and so on (bench/lib/options.ts). */
export const enrichmentOptions = benchOptions({
  requests: count(200, 10, 10_000).describe('measured requests per scenario'),
  warmup: count(30, 0, 1_000).describe('unmeasured requests per scenario, right before'),
  providerMs: count(300, 0, 30_000).describe('how long the fake model takes to answer'),
  ...databaseShape('bodega_bench_enrichment'),
  /** "none" for the in-memory LRU, as without REDIS_URL. */
  redisUrl: z.string().default('redis://127.0.0.1:6379').describe('the answer cache; none for in memory'),
});
