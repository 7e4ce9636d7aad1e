import type { ServiceName } from '@bodega/config';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { configuredKeys, optionsFromEnv, readBodegaEnv } from './env';
import { startBodega } from './start-bodega';

/**
 * A process running one service, as docker-compose runs each (`subgraphs/<name>/src/main.ts`):
 * reads the environment once, starts the service, drains and exits on SIGTERM or Ctrl-C.
 * A bad or missing variable stops it at once with a line that names the variable.
 */
export function runService(name: ServiceName, env: NodeJS.ProcessEnv = process.env): void {
  const run = async () => {
    const config = readBodegaEnv(env, name);
    const options = optionsFromEnv(config, [name], await configuredKeys(config, [name]));
    const log = options.logger(name);
    const bodega = await startBodega(options);
    exitOnSignals(log, config.SHUTDOWN_GRACE_MS, () => bodega.close({ graceMs: config.SHUTDOWN_GRACE_MS }));
  };
  run().catch((error: unknown) => {
    createLogger(name).fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
