import { GATEWAY_CALLER, InternalSigner, serviceVerifier } from '@bodega/auth';
import { requireServiceSecret } from '@bodega/config';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

async function main() {
  const config = readGatewayConfig();
  const log = createLogger('gateway', config.LOG_LEVEL);
  const signer = new InternalSigner(requireServiceSecret(config), GATEWAY_CALLER);
  const tokens = serviceVerifier(config, signer);
  // Announced log-outs and role changes: without Redis, this process hears none (accounts runs
  // elsewhere) and notices them within the standing refresh interval instead.
  const events = createEventBus({ redisUrl: config.REDIS_URL, log });
  await tokens.follow(events);
  const running = await startGateway({
    tokens,
    signer,
    port: config.PORT,
    host: config.HOST,
    log,
    production: config.NODE_ENV === 'production',
    subgraphUrls: config.subgraphUrls,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    subscriptionLimits: config.subscriptionLimits,
  });
  exitOnSignals(log, config.SHUTDOWN_GRACE_MS, async () => {
    await running.close({ graceMs: config.SHUTDOWN_GRACE_MS });
    await events.close();
  });
}

main().catch((error: unknown) => {
  createLogger('gateway').fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
