import { AccessTokens } from '@bodega/auth';
import { createPrismaClient } from '@bodega/db';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { Redis } from 'ioredis';
import { readAccountsConfig } from './config';
import { startAccountsSubgraph } from './server';

/** Runs the accounts subgraph as its own process (docker-compose); `npm start` may run it in-process instead. */
async function main() {
  const config = readAccountsConfig();
  const log = createLogger('accounts', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to run the accounts subgraph on its own.');
  const prisma = createPrismaClient(config.DATABASE_URL);
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  const tokens = new AccessTokens(config.JWT_SECRET);
  const running = await startAccountsSubgraph(
    { prisma, tokens, log, redis, adminEmail: config.BODEGA_ADMIN_EMAIL },
    config.PORT,
    config.HOST,
  );
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, async () => {
    await running.close({ graceMs: config.SHUTDOWN_GRACE_MS });
    await Promise.all([prisma.$disconnect(), redis?.quit()]);
  });
}

main().catch((error: unknown) => {
  createLogger('accounts').fatal({ err: error }, 'accounts subgraph failed to start');
  process.exit(1);
});
