/**
 * The enrichment bench's server process (spawned by main.ts through bench/lib/child.ts, not run
 * by hand): two products subgraphs on the same database, each behind its own Bodega gateway, both
 * started by the composition root as `npm start` runs them in one process:
 *
 * - `openai`: enriched through the `openai` SDK at BENCH_OPENAI_URL (the bench's fake
 *   OpenAI-compatible server), answers cached in Redis at BENCH_REDIS_URL (in memory when unset);
 * - `local`: enriched by the local provider (no OPENAI_API_KEY).
 */
import { readEnv, z } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { startBenchBodega, type BenchBodegaOptions } from '../lib/bodega';
import { serveBenchChild } from '../lib/serve';

const env = readEnv({
  BENCH_DATABASE_URL: z.string().url(),
  BENCH_OPENAI_URL: z.string().url(),
  BENCH_REDIS_URL: z.string().url().optional(),
  /** Short: the bench's products are unique per run, their answers need not outlive it. */
  BENCH_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(600),
});

serveBenchChild('enrichment', async (log, stops) => {
  // Both share one pool of 10 and the in-process event bus, as one `npm start` process would.
  const prisma = createPrismaClient(env.BENCH_DATABASE_URL);
  const events = createEventBus({ log });
  stops.push(() => prisma.$disconnect(), () => events.close());
  const stack = async (name: string, ai: BenchBodegaOptions['ai'], redisUrl?: string) => {
    const bodega = await startBenchBodega(log.child({ stack: name }), stops, {
      services: ['products', 'gateway'],
      databaseUrl: env.BENCH_DATABASE_URL,
      redisUrl,
      ai: { AI_CACHE_TTL_SECONDS: env.BENCH_CACHE_TTL_SECONDS, ...ai },
      overrides: { prisma, events },
    });
    // The taxonomy is loaded before any request is measured.
    await bodega.ai?.enricher.taxonomy();
    return bodega.gateway!.url;
  };
  const openai = await stack('openai', { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: env.BENCH_OPENAI_URL, AI_MAX_RETRIES: 0 }, env.BENCH_REDIS_URL);
  const local = await stack('local', {});
  return { urls: { openai, local } };
});
