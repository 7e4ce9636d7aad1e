/**
 * The server process of the enrichment bench (spawned by bench/enrichment.ts, not run by hand):
 * two products subgraphs on the same database, each behind its own Bodega gateway, as `npm start`
 * runs them in one process:
 *
 * - `openai`: enriched through the `openai` SDK at BENCH_OPENAI_URL (the bench's fake
 *   OpenAI-compatible server), answers cached in Redis at BENCH_REDIS_URL (in memory when unset);
 * - `local`: enriched by the local provider (no OPENAI_API_KEY).
 *
 * It prints one ready line on stdout and stops on SIGTERM, SIGINT or when the IPC channel closes.
 */
import { readFileSync } from 'node:fs';
import { aiEnv, createAi } from '@bodega/ai';
import { readEnv, z } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { SUPERGRAPH_PATH, startGateway } from '@bodega/gateway';
import { createLogger, type Logger } from '@bodega/logger';
import { categoriesFrom, startProductsSubgraph } from '@bodega/products';
import { benchGatewaySigner, benchInternal, benchTokens } from './auth';
import { enrichmentReadyLine } from './enrichment-protocol';
import { stopOnExit } from './lifecycle';

async function main() {
  const env = readEnv({
    BENCH_DATABASE_URL: z.string().url(),
    BENCH_OPENAI_URL: z.string().url(),
    BENCH_REDIS_URL: z.string().url().optional(),
    /** Short: the bench's products are unique per run, their answers need not outlive it. */
    BENCH_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(600),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  });
  const log = createLogger('bench-enrichment', env.LOG_LEVEL);
  const stops = stopOnExit(log);
  // The products subgraph's production defaults: a pool of 10, events on the in-process bus.
  const prisma = createPrismaClient(env.BENCH_DATABASE_URL);
  const events = createEventBus({ log });
  stops.push(() => prisma.$disconnect(), () => events.close());
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');

  const stack = async (name: string, vars: Record<string, string>, redisUrl?: string) => {
    const aiVars = { AI_CACHE_TTL_SECONDS: String(env.BENCH_CACHE_TTL_SECONDS), ...vars };
    const ai = createAi(readEnv(aiEnv, aiVars), { taxonomy: categoriesFrom(prisma), log: child(log, name), redisUrl });
    stops.push(() => ai.close());
    await ai.enricher.taxonomy();
    const products = await startProductsSubgraph({ prisma, events, log: child(log, `${name}-products`), tokens: benchTokens, internal: benchInternal, enricher: ai.enricher }, { port: 0 });
    stops.push(() => products.close());
    const gateway = await startGateway(
      { tokens: benchTokens, signer: benchGatewaySigner, log: child(log, `${name}-gateway`) },
      {
        port: 0,
        production: true,
        supergraphSdl,
        subgraphUrls: { products: products.url },
      },
    );
    stops.push(() => gateway.close());
    return gateway.url;
  };

  const openai = await stack('openai', { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: env.BENCH_OPENAI_URL, AI_MAX_RETRIES: '0' }, env.BENCH_REDIS_URL);
  const local = await stack('local', {});
  process.stdout.write(enrichmentReadyLine({ urls: { openai, local }, pid: process.pid }));
}

function child(log: Logger, service: string): Logger {
  return log.child({ service });
}

main().catch((error: unknown) => {
  createLogger('bench-enrichment').fatal({ err: error }, 'enrichment bench servers failed to start');
  process.exit(1);
});
