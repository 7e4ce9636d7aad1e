import { InternalSigner, InternalVerifier, serviceVerifier } from '@bodega/auth';
import { requireServiceSecret } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { readOrdersConfig } from './config';
import { startOrdersSubgraph } from './server';
import { createStockClient } from './services/stock-client';

/** Runs the orders subgraph as its own process (docker-compose); `npm start` runs it in-process instead. */
async function main() {
  const config = readOrdersConfig();
  const log = createLogger('orders', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to run the orders subgraph on its own.');
  const secret = requireServiceSecret(config);
  const signer = new InternalSigner(secret, 'orders');
  const tokens = serviceVerifier(config, signer);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const events = createEventBus({ redisUrl: config.REDIS_URL, log });
  await tokens.follow(events);
  const stock = createStockClient({ url: config.PRODUCTS_URL, signer, log });
  const running = await startOrdersSubgraph(
    { prisma, events, log, tokens, internal: new InternalVerifier(secret), stock, shopCurrency: config.SHOP_CURRENCY },
    config.PORT,
    { host: config.HOST },
  );
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, async () => {
    await running.close({ graceMs: config.SHUTDOWN_GRACE_MS });
    await Promise.all([prisma.$disconnect(), events.close()]);
  });
}

main().catch((error: unknown) => {
  createLogger('orders').fatal({ err: error }, 'orders subgraph failed to start');
  process.exit(1);
});
