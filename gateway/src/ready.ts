import type { ServerResponse } from 'node:http';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { SIGNATURE_HEADER, type InternalSigner } from '@bodega/auth';
import { sendJson } from '@bodega/server-kit';

export interface DependencyState {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface ReadinessTargets {
  databaseUrl?: string;
  redisUrl?: string;
  subgraphUrls: Record<string, string>;
  /** Subgraphs answer only signed requests; a probe refused for its signature shows a mismatched SERVICE_SECRET. */
  signer: InternalSigner;
}

const TIMEOUT_MS = 2000;

/**
 * /ready: 200 when Postgres, Redis (if configured) and every subgraph answer, else 503,
 * naming each dependency's state. Connections are opened once and reused by every probe.
 */
export function createReadiness(targets: ReadinessTargets) {
  const pool = targets.databaseUrl
    ? new Pool({ connectionString: targets.databaseUrl, max: 1, connectionTimeoutMillis: TIMEOUT_MS, idleTimeoutMillis: 30_000 })
    : undefined;
  pool?.on('error', () => undefined);
  const redis = targets.redisUrl
    ? new Redis(targets.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: TIMEOUT_MS, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', () => undefined);

  const route = async (_req: unknown, res: ServerResponse) => {
    const checks: Record<string, Promise<DependencyState>> = {};
    if (pool) checks.postgres = timed(async () => void (await pool.query('SELECT 1')));
    if (redis) checks.redis = timed(() => pingRedis(redis));
    for (const [name, url] of Object.entries(targets.subgraphUrls)) {
      checks[`subgraph:${name}`] = timed(() => pingSubgraph(url, targets.signer));
    }
    const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await check] as const));
    const dependencies = Object.fromEntries(entries);
    const ready = entries.every(([, state]) => state.ok);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', dependencies });
  };
  const close = async () => {
    redis?.disconnect();
    await pool?.end();
  };
  return { route, close };
}

async function timed(check: () => Promise<void>): Promise<DependencyState> {
  const started = performance.now();
  try {
    await withTimeout(check());
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
  await redis.ping();
}

const PING = JSON.stringify({ query: '{ __typename }' });

async function pingSubgraph(url: string, signer: InternalSigner): Promise<void> {
  const { pathname, search } = new URL(url);
  const signature = signer.sign({ kind: 'http', method: 'POST', target: pathname + search, body: PING });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', [SIGNATURE_HEADER]: signature },
    body: PING,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
