import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { guardFlag } from '@bodega/testing/egress';
import { generateSigningKey } from '@bodega/auth';

export const ROOT = join(__dirname, '..', '..', '..');

export interface RunningBodega {
  /** Where the browser goes: the gateway, serving the web app at / and GraphQL at /graphql. */
  baseUrl: string;
  /** Every log line so far, for a failure's message. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface BodegaOptions {
  databaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}

/** Builds web/dist unless it is already newer than its sources, as `npm start`'s prestart does. */
export function buildWebApp(): void {
  execFileSync(process.execPath, [join(ROOT, 'web', 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * `npm start`'s script as a child process, on the given database and Redis, every server on a
 * free port. Resolves once the gateway says it is up.
 */
export async function startBodega(options: BodegaOptions): Promise<RunningBodega> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PORT: '0',
    // Every test signs up from 127.0.0.1.
    SIGN_UP_LIMIT_PER_ADDRESS: '1000',
    ACCOUNTS_PORT: '0',
    PRODUCTS_PORT: '0',
    ORDERS_PORT: '0',
    RAG_PORT: '0',
    CHAT_PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    // Configured, as in production: nothing is written under .bodega/.
    ACCOUNTS_SIGNING_KEYS: JSON.stringify({ keys: [await generateSigningKey()] }),
    SERVICE_SECRET: 'bodega-e2e-service-secret-0123456789abcdef',
    // The offline AI: no network, the same answer every run.
    AI_PROVIDER: 'local',
    ...options.env,
  };
  // Not jest's flags, but the egress guard: nothing Bodega does may leave the machine.
  env.NODE_OPTIONS = guardFlag();
  delete env.OPENAI_API_KEY;
  delete env.BODEGA_ADMIN_EMAIL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const stop = () => stopChild(child);

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Bodega was not up within 60 s:\n${JSON.stringify(logs.slice(-20), null, 1)}\n${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Bodega exited with ${code}:\n${JSON.stringify(logs.slice(-20), null, 1)}\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { text };
      }
      logs.push(line);
      if (typeof line.graphql === 'string' && line.msg !== undefined && String(line.msg).startsWith('Bodega is up')) {
        clearTimeout(timer);
        resolve(new URL(line.graphql).origin);
      }
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { baseUrl, logs, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
