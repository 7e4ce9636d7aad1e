import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, serveWebApp } from '../src/web-app';

/** A raw GET (fetch would decompress and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('serving the web app compressed, without source maps', () => {
  const root = mkdtempSync(join(tmpdir(), 'bodega-web-gz-'));
  const dir = join(root, 'dist');
  const script = `console.log(${JSON.stringify('bodega '.repeat(500))});`;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bodega</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), script);
    writeFileSync(join(dir, 'assets', 'app-1234.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
    writeFileSync(join(dir, 'assets', 'logo-1.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const next = async (_req: unknown, res: ServerResponse) => void res.end('{}');
    server = createServer((req, res) => void serveWebApp(dir, ['/graphql'], next)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends brotli when the browser accepts it, gzip otherwise, and the file as is to a client that takes neither', async () => {
    const br = await get(`${base}/assets/app-1234.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gzip = await get(`${base}/assets/app-1234.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const page = await get(`${base}/products`, { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toContain('<title>Bodega</title>');

    const plain = await get(`${base}/assets/app-1234.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('leaves images as they are', async () => {
    const image = await get(`${base}/assets/logo-1.png`, { 'accept-encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.length).toBe(4);
  });

  it('never serves a source map, even one a build left behind', async () => {
    const map = await get(`${base}/assets/app-1234.js.map`);
    expect(map.status).toBe(404);
  });

  it('honours q=0 and picks what the client prefers among what is offered', () => {
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it('builds the production web app without source maps', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'web', 'vite.config.mts'), 'utf8')).toMatch(/sourcemap:\s*false/);
  });
});
