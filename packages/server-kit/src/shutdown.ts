import type { Logger } from '@bodega/logger';

/** Past the grace period, how long stopping may still take (closing pools, flushing) before the process just exits. */
const EXIT_MARGIN_MS = 5_000;

/**
 * What every Bodega process does on SIGTERM or SIGINT: logs it, runs `stop` (which drains the
 * servers within `graceMs`, see ./drain.ts) and exits 0, or 1 if stopping failed. A second signal
 * exits at once, as does a stop still running `graceMs` + 5 s later, so nothing lingers.
 */
export function exitOnSignals(log: Logger, graceMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting for requests in flight');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, 'stopping: refusing new requests, letting those in flight finish');
    setTimeout(() => {
      log.error({ graceMs }, 'still stopping after the grace period; exiting');
      process.exit(1);
    }, graceMs + EXIT_MARGIN_MS).unref();
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
