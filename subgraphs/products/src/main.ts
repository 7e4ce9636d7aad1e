import { createAi } from '@bodega/ai';
import { InternalSigner, InternalVerifier, serviceVerifier } from '@bodega/auth';
import { requireServiceSecret } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { readProductsConfig } from './config';
import { categoriesFrom } from './services/enrichment';
import { startProductsSubgraph } from './server';

/** Runs the products subgraph as its own process (docker-compose); `npm start` runs it in-process instead. */
async function main() {
  const config = readProductsConfig();
  const log = createLogger('products', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to run the products subgraph on its own.');
  const secret = requireServiceSecret(config);
  const tokens = serviceVerifier(config, new InternalSigner(secret, 'products'));
  const internal = new InternalVerifier(secret);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const events = createEventBus({ redisUrl: config.REDIS_URL, log });
  await tokens.follow(events);
  const ai = createAi(config, { taxonomy: categoriesFrom(prisma), log, redisUrl: config.REDIS_URL });
  log.info(ai.summary, 'AI enrichment');
  const running = await startProductsSubgraph({ prisma, events, log, tokens, internal, enricher: ai.enricher }, config.PORT, config.HOST, {
    alerts: config.alerts,
  });
  // Loads the taxonomy now rather than in the first createProduct.
  ai.enricher.taxonomy().catch((err: unknown) => log.warn({ err }, 'taxonomy not loaded yet; the first enrichment will retry'));
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, async () => {
    await running.close({ graceMs: config.SHUTDOWN_GRACE_MS });
    await Promise.all([prisma.$disconnect(), events.close(), ai.close()]);
  });
}

main().catch((error: unknown) => {
  createLogger('products').fatal({ err: error }, 'products subgraph failed to start');
  process.exit(1);
});
