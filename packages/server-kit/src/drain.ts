// Shutting a server down without cutting anyone off: requests in flight finish (up to a deadline),
// new ones are refused with an answer that says nothing was done, /ready says 503 so a load
// balancer stops sending, websockets are closed with 1001 (Going Away), then the port closes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCode } from '@bodega/errors';

/** How long `close()` lets requests in flight run before cutting them off. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface CloseOptions {
  /** Requests in flight and websocket close handshakes get this long in all. Default: 10 000 ms. */
  graceMs?: number;
}

/** Closes a server's websockets with 1001; past `graceMs` it terminates those that have not closed. */
export type WebSocketCloser = (graceMs: number) => Promise<void>;

interface DrainState {
  draining: boolean;
  inFlight: Set<ServerResponse>;
  idle: Set<() => void>;
  closing?: Promise<void>;
}

const states = new WeakMap<Server, DrainState>();

/** Paths answered while draining: liveness stays 200, readiness turns 503. */
const HEALTH_PATH = '/health';
const READY_PATH = '/ready';

export const SHUTTING_DOWN_MESSAGE =
  'This server is shutting down and takes no new requests; nothing was done. Send the request again.';

/**
 * A node:http server that counts its requests in flight, so `closeServer` can wait for them.
 * While it drains, /health still reaches `handler`, /ready answers 503, and anything else 503
 * SERVICE_UNAVAILABLE without running (safe to send again, to this service's next instance).
 */
export function createHttpServer(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Server {
  const state: DrainState = { draining: false, inFlight: new Set(), idle: new Set() };
  const server = createServer((req, res) => {
    if (state.draining) {
      res.setHeader('connection', 'close');
      const path = (req.url ?? '/').split('?')[0];
      if (path === READY_PATH) return sendDraining(res, { status: 'draining' });
      if (path !== HEALTH_PATH) return sendDraining(res, { errors: [{ message: SHUTTING_DOWN_MESSAGE, extensions: { code: ErrorCode.ServiceUnavailable } }] });
    }
    state.inFlight.add(res);
    res.once('close', () => {
      state.inFlight.delete(res);
      if (state.inFlight.size === 0) for (const resolve of state.idle) resolve();
    });
    void handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  states.set(server, state);
  return server;
}

function sendDraining(res: ServerResponse, body: unknown): void {
  res.statusCode = 503;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** True once `closeServer` began on a server made by `createHttpServer`. */
export function isDraining(server: Server): boolean {
  return states.get(server)?.draining ?? false;
}

/** For `new WebSocketServer({ verifyClient })`: refuses new websockets (503) while the server drains. */
export function refuseWebSocketsWhileDraining(server: Server) {
  return (_info: unknown, done: (accept: boolean, code?: number, message?: string) => void) =>
    isDraining(server) ? done(false, 503, 'Shutting down') : done(true);
}

/**
 * Drains and closes: refuses new work at once, waits for requests in flight (and their kept-alive
 * connections to finish the answer, told `connection: close`), closes the websockets with 1001,
 * then closes the port. Whatever is still running when `graceMs` runs out is cut off. Calling it
 * again returns the same promise.
 */
export function closeServer(server: Server, options: CloseOptions & { closeWebSockets?: WebSocketCloser } = {}): Promise<void> {
  const state = states.get(server) ?? { draining: false, inFlight: new Set<ServerResponse>(), idle: new Set<() => void>() };
  states.set(server, state);
  state.closing ??= drain(server, state, options);
  return state.closing;
}

async function drain(server: Server, state: DrainState, options: CloseOptions & { closeWebSockets?: WebSocketCloser }): Promise<void> {
  const deadline = Date.now() + (options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
  const left = () => Math.max(0, deadline - Date.now());
  state.draining = true;
  // Answers not yet sent close their connection after them instead of keeping it alive.
  for (const res of state.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');

  if (state.inFlight.size > 0) {
    let resolveIdle = () => {};
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    state.idle.add(resolveIdle);
    await before(idle, left());
    state.idle.delete(resolveIdle);
  }
  await options.closeWebSockets?.(left());

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle kept-alive connections now; any request still running once the deadline passes too.
  server.closeIdleConnections();
  if (!(await before(closed, left()))) {
    server.closeAllConnections();
    await closed;
  }
}

/** True when `promise` settles within `ms`. */
async function before(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
