import { AccessTokenSigner, AccessTokenVerifier, InternalVerifier } from '@bodega/auth';
import { requireServiceSecret } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { Redis } from 'ioredis';
import { readAccountsConfig, requireSigningKeys } from './config';
import { startAccountsSubgraph } from './server';
import { accountsStanding } from './services/standing';

/** Runs the accounts subgraph as its own process (docker-compose); `npm start` may run it in-process instead. */
async function main() {
  const config = readAccountsConfig();
  const log = createLogger('accounts', config.LOG_LEVEL);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required to run the accounts subgraph on its own.');
  const signer = await AccessTokenSigner.create(await requireSigningKeys(config));
  const internal = new InternalVerifier(requireServiceSecret(config));
  const prisma = createPrismaClient(config.DATABASE_URL);
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => log.warn({ err: error }, 'redis connection error'));
  const events = createEventBus({ redisUrl: config.REDIS_URL, log });
  const tokens = new AccessTokenVerifier({ keys: signer.jwks, standing: accountsStanding(prisma) });
  await tokens.follow(events);
  const running = await startAccountsSubgraph(
    { prisma, signer, tokens, events, internal, log, redis, adminEmail: config.BODEGA_ADMIN_EMAIL },
    config.PORT,
    config.HOST,
  );
  log.info({ keyId: signer.keyId, keys: signer.jwks.keys.length }, 'signing access tokens');
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, async () => {
    await running.close({ graceMs: config.SHUTDOWN_GRACE_MS });
    await Promise.all([prisma.$disconnect(), redis?.quit(), events.close()]);
  });
}

main().catch((error: unknown) => {
  createLogger('accounts').fatal({ err: error }, 'accounts subgraph failed to start');
  process.exit(1);
});
