import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/** The environment of a fresh machine: no DATABASE_URL, REDIS_URL, keys or secrets; `.bodega/` is `dir`. */
async function freshEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PRODUCTS_PORT: '0', LOG_FORMAT: 'json' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS', 'ACCOUNTS_SIGNING_KEYS', 'ACCOUNTS_SIGNING_KEYS_FILE', 'SERVICE_SECRET', 'SERVICE_SECRET_FILE']) {
    delete env[name];
  }
  env.EMBEDDED_DATA_DIR = join(dir, 'pgdata');
  env.EMBEDDED_DB_PORT = String(await freePort());
  return env;
}

/** Runs `npm start`'s script as a user would, without DATABASE_URL or REDIS_URL. */
async function startEmbedded(dir: string): Promise<Started> {
  const env = await freshEnv(dir);
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

  it('answers { __typename }, signs sessions with keys it made itself, says which mode it runs in, and stops cleanly on Ctrl-C', async () => {
    const { child, graphql, lines } = await startEmbedded(dataDir);
    try {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      // Keys made on the spot: accounts signs a session whose token the gateway and products accept.
      const signUp = await post(graphql, 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken user { role } } }', {
        input: { email: 'first@example.com', password: 'correct horse battery 9', name: 'First' },
      });
      expect(signUp.data.signUp.user.role).toBe('ADMIN');
      const authorization = `Bearer ${signUp.data.signUp.accessToken}`;
      const created = await post(graphql, 'mutation { createProduct(input: { name: "Kettle", stock: 1 }) { id } }', {}, authorization);
      expect(created.errors).toBeUndefined();
      const keysFile = join(dataDir, 'signing-keys.json');
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(keysFile, 'utf8')).keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
      expect(existsSync(join(dataDir, 'service-secret'))).toBe(true);
      const up = lines.find((line) => typeof line.graphql === 'string');
      expect(up).toMatchObject({ database: expect.stringContaining('embedded PGlite'), events: 'in-process bus' });
      expect(String(up?.msg)).toContain('embedded default');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 90_000);

  it('refuses to run in production without configured keys, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bodega-start-production-'));
    try {
      const env = { ...(await freshEnv(dir)), NODE_ENV: 'production' };
      const run = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env });
      let output = '';
      run.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      run.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain('ACCOUNTS_SIGNING_KEYS is not set');
      expect(existsSync(join(dir, 'signing-keys.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function post(url: string, query: string, variables: Record<string, unknown>, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}
