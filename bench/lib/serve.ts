/**
 * The server side of a bench's child process (spawned through child.ts, never run by hand):
 * starts what the bench measures, prints the one ready line, answers the parent's requests over
 * IPC (messages.ts) and, on SIGTERM, SIGINT or the parent going away, stops what it started in
 * reverse order and exits normally so `--cpu-prof` writes its profile.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { readEnv, z } from '@bodega/config';
import { createLogger, type Logger } from '@bodega/logger';
import { parseRequest, readyLine, type ChildReply, type ChildRequest } from './messages';

export type Stop = () => Promise<unknown>;

export interface Served {
  /** GraphQL endpoints by name, sent to the parent in the ready line. */
  urls: Record<string, string>;
  /** A gateway's subscription hub counts, for the stats reply. */
  hub?: () => { shared: number; subscribers: number };
}

const env = readEnv({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

/** Runs `start` in this process as the bench child `role`; every `close` pushed onto `stops` runs at exit. */
export function serveBenchChild(role: string, start: (log: Logger, stops: Stop[]) => Promise<Served>): void {
  const log = createLogger(`bench-${role}`, env.LOG_LEVEL);
  const stops = stopOnExit(log);
  start(log, stops)
    .then((served) => {
      process.on('message', (message: unknown) => {
        const request = parseRequest(message);
        if (request && process.send) process.send(answer(role, request, served));
      });
      process.stdout.write(readyLine({ role, urls: served.urls, pid: process.pid }));
    })
    .catch((error: unknown) => {
      log.fatal({ err: error }, `bench ${role} failed to start`);
      process.exit(1);
    });
}

function answer(role: string, request: ChildRequest, served: Served): ChildReply {
  if (request.type === 'heap-snapshot') {
    // Blocks this process for a few seconds at 10,000 subscribers; only when asked for.
    const file = writeHeapSnapshot(join(request.dir, `${role}-${request.tag}-${process.pid}.heapsnapshot`));
    return { type: 'heap-snapshot', id: request.id, file };
  }
  if (request.gc) globalThis.gc?.();
  const { idle, active } = performance.eventLoopUtilization();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return {
    type: 'stats',
    id: request.id,
    cpu: process.cpuUsage(),
    eventLoop: { idle, active },
    memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
    ...(served.hub ? { hub: served.hub() } : {}),
  };
}

function stopOnExit(log: Logger): Stop[] {
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
