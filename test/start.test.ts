import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startChild, type ChildProcessUnderTest } from './support/child';

interface Started extends ChildProcessUnderTest {
  graphql: string;
}

/** Runs `npm start`'s script as a user would, without DATABASE_URL or REDIS_URL. */
async function startEmbedded(dataDir: string): Promise<Started> {
  const env = {
    PORT: '0',
    PRODUCTS_PORT: '0',
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    EMBEDDED_DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(await freePort()),
  };
  const started = await startChild('scripts/start.ts', env, (line) => typeof line.graphql === 'string');
  return { ...started, graphql: String(started.readyLine.graphql) };
}

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bodega-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers { __typename }, says which mode it runs in, and stops cleanly on Ctrl-C', async () => {
    const { child, graphql, lines, exited } = await startEmbedded(dataDir);
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
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 90_000);
});
