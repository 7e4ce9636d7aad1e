import { AccessTokens } from '@bodega/auth';
import { requireJwtSecret } from '@bodega/config';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

async function main() {
  const config = readGatewayConfig();
  const log = createLogger('gateway', config.LOG_LEVEL);
  const running = await startGateway({
    tokens: new AccessTokens(requireJwtSecret(config)),
    port: config.PORT,
    host: config.HOST,
    log,
    production: config.NODE_ENV === 'production',
    subgraphUrls: config.subgraphUrls,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    subscriptionLimits: config.subscriptionLimits,
  });
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, () => running.close({ graceMs: config.SHUTDOWN_GRACE_MS }));
}

main().catch((error: unknown) => {
  createLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
