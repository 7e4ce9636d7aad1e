import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** Where `npm run build:web` writes the web app. */
export const WEB_APP_DIR = join(__dirname, '..', '..', 'web', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

type Encoding = 'br' | 'gzip';

/** The client's preferred encoding we offer (brotli, then gzip), honouring q=0. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const offered = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (name: Encoding) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return null;
}

/** Compressed copies, made once per file version (path, size and mtime) and kept in memory. */
const compressed = new Map<string, Buffer>();

function compressedBody(file: string, encoding: Encoding): Buffer {
  const stat = statSync(file);
  const key = `${encoding}:${file}:${stat.size}:${stat.mtimeMs}`;
  let body = compressed.get(key);
  if (!body) {
    const raw = readFileSync(file);
    body = encoding === 'br' ? brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
    compressed.set(key, body);
  }
  return body;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves the built web app in front of `next` (GraphQL and the plain routes): a GET or HEAD for
 * any path not in `passThrough` is a file from `dir`, or index.html for an app route (a path
 * without a file extension), so a reload on /products works. Hashed assets are cached for good,
 * index.html never. Text is sent brotli- or gzip-compressed when the client accepts it; source
 * maps are never served (a build that has them keeps them private). Without a build, `next`
 * answers as before.
 */
export function serveWebApp(dir: string, passThrough: readonly string[], next: Handler): Handler {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  return async (req, res) => {
    const pathname = safePathname(req.url);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || pathname === undefined || passThrough.includes(pathname) || !existsSync(index)) {
      return next(req, res);
    }
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return notFound(res);
    if (extname(pathname) === '.map') return notFound(res);
    if (isFile(file)) return sendFile(req, res, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (extname(pathname) !== '') return notFound(res);
    return sendFile(req, res, index, 'no-cache');
  };
}

function safePathname(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<void> {
  res.statusCode = 200;
  res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('cache-control', cacheControl);
  res.setHeader('x-content-type-options', 'nosniff');
  const encoding = COMPRESSIBLE.has(extname(file)) ? chooseEncoding(req.headers['accept-encoding']) : null;
  if (COMPRESSIBLE.has(extname(file))) res.setHeader('vary', 'Accept-Encoding');
  if (encoding) {
    const body = compressedBody(file, encoding);
    res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return Promise.resolve();
  }
  res.setHeader('content-length', statSync(file).size);
  if (req.method === 'HEAD') {
    res.end();
    return Promise.resolve();
  }
  return new Promise((done) => {
    const stream = createReadStream(file);
    stream.once('error', () => {
      res.destroy();
      done();
    });
    stream.once('end', () => done());
    stream.pipe(res);
  });
}

function notFound(res: ServerResponse): Promise<void> {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
  return Promise.resolve();
}
