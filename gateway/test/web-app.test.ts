import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveWebApp } from '../src/web-app';

describe('serving the web app', () => {
  // root/dist is the build; root/secret.txt is what a path escaping it would reach.
  const root = mkdtempSync(join(tmpdir(), 'bodega-web-'));
  const dir = join(root, 'dist');
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bodega</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("app")');
    writeFileSync(join(root, 'secret.txt'), 'not for you');
    const next = async (_req: unknown, res: ServerResponse) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"from":"graphql"}');
    };
    server = createServer((req, res) => void serveWebApp(dir, ['/graphql', '/health'], next)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for app routes, never cached', async () => {
    for (const path of ['/', '/products', '/orders/123']) {
      const response = await fetch(base + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>Bodega</title>');
    }
  });

  it('serves hashed assets with their type, cached for good', async () => {
    const response = await fetch(`${base}/assets/app-1234.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers 404 for a missing file instead of serving the page as a script', async () => {
    expect((await fetch(`${base}/assets/gone-9999.js`)).status).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    expect((await fetch(`${base}/..%2fsecret.txt`)).status).toBe(404);
    expect(await (await fetch(`${base}/%2e%2e/secret.txt`)).text()).not.toContain('not for you');
  });

  it('leaves /graphql, the plain routes and other methods to the GraphQL handler', async () => {
    expect(await (await fetch(`${base}/graphql?query=%7B__typename%7D`)).json()).toEqual({ from: 'graphql' });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ from: 'graphql' });
    expect(await (await fetch(`${base}/products`, { method: 'POST' })).json()).toEqual({ from: 'graphql' });
  });
});
