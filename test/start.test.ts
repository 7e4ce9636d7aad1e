import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..');

interface Started {
  child: ChildProcess;
  graphql: string;
  lines: Array<Record<string, unknown>>;
}

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `npm start`'s script as a user would, without DATABASE_URL or REDIS_URL. */
async function startEmbedded(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PRODUCTS_PORT: '0', LOG_FORMAT: 'json' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_OPTIONS;
  env.EMBEDDED_DATA_DIR = dataDir;
  env.EMBEDDED_DB_PORT = String(await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env });
  const lines: Array<Record<string, unknown>> = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up within 60 s:\n${JSON.stringify(lines, null, 1)}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${JSON.stringify(lines)}`)));
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      if (typeof line.graphql === 'string') {
        clearTimeout(timer);
        resolve({ child, graphql: line.graphql, lines });
      }
    });
  });
}

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bodega-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers { __typename }, says which mode it runs in, and stops cleanly on Ctrl-C', async () => {
    const { child, graphql, lines } = await startEmbedded(dataDir);
    try {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      const up = lines.find((line) => typeof line.graphql === 'string');
      expect(up).toMatchObject({ database: expect.stringContaining('embedded PGlite'), events: 'in-process bus' });
      expect(String(up?.msg)).toContain('embedded default');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 90_000);
});
