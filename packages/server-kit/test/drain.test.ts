import { request } from 'node:http';
import { createHttpServer, listen, sendJson, SHUTTING_DOWN_MESSAGE, type RunningServer } from '../src';

/** A server whose /slow answers when the test says so, and whose /hang never answers. */
async function start() {
  const release: Array<() => void> = [];
  const server = createHttpServer(async (req, res) => {
    if (req.url === '/slow') await new Promise<void>((resolve) => release.push(resolve));
    if (req.url === '/hang') return;
    sendJson(res, 200, { path: req.url });
  });
  const running = await listen(server, 0);
  const at = (path: string) => new URL(path, running.url).toString();
  return { running, at, release: () => release.splice(0).forEach((resolve) => resolve()), pending: () => release.length };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close({ graceMs: 0 });
  running = undefined;
});

describe('closing a server made by createHttpServer', () => {
  it('lets a request in flight finish, refuses new ones with 503 and answers /ready 503 meanwhile', async () => {
    const server = await start();
    running = server.running;
    const slow = fetch(server.at('/slow'));
    await waitFor(() => server.pending() === 1);

    let closed = false;
    const closing = server.running.close({ graceMs: 10_000 }).then(() => (closed = true));

    const refused = await fetch(server.at('/graphql'), { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toEqual({ errors: [{ message: SHUTTING_DOWN_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    const ready = await fetch(server.at('/ready'));
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'draining' }]);
    expect((await fetch(server.at('/health'))).status).toBe(200);
    expect(closed).toBe(false);

    server.release();
    const answer = await slow;
    expect([answer.status, await answer.json()]).toEqual([200, { path: '/slow' }]);
    await closing;
    await expect(fetch(server.at('/health'))).rejects.toThrow();
  });

  it('cuts off a request still running when the grace period runs out', async () => {
    const server = await start();
    running = server.running;
    const outcome = new Promise<string>((resolve) => {
      request(server.at('/hang'), (res) => resolve(`answered ${res.statusCode}`))
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
        .end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await server.running.close({ graceMs: 200 });

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await outcome).toBe('ECONNRESET');
  });

  it('closes at once when nothing is in flight, and a second close is the same close', async () => {
    const server = await start();
    const started = Date.now();
    const first = server.running.close();
    expect(server.running.close()).toBe(first);
    await first;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
