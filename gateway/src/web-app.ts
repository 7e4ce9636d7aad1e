import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

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

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves the built web app in front of `next` (GraphQL and the plain routes): a GET or HEAD for
 * any path not in `passThrough` is a file from `dir`, or index.html for an app route (a path
 * without a file extension), so a reload on /products works. Hashed assets are cached for good,
 * index.html never. Without a build, `next` answers as before.
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
