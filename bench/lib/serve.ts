import type { Logger } from '@bodega/logger';

export type Stop = () => Promise<unknown>;

/**
 * A bench server process's shutdown: on SIGTERM, SIGINT or the parent going away, close
 * what was started in reverse order, then exit normally so `--cpu-prof` writes its profile.
 * Returns the list to push each `close` onto.
 */
export function stopOnExit(log: Logger): Stop[] {
  const stops: Stop[] = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const close of stops.reverse()) await close().catch((err: unknown) => log.warn({ err }, 'stop failed'));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('disconnect', () => void stop());
  return stops;
}
