import { SessionStore, type Session } from '../auth/session';
import { createBodegaClient } from './client';
import { graphql } from './generated';

const NOW = Date.now();
const MeQuery = graphql(`
  query ClientTestMe {
    me {
      id
      email
    }
  }
`);

function stored(): Session {
  return {
    accessToken: 'expired-access',
    accessTokenExpiresAt: new Date(NOW + 10 * 60_000).toISOString(),
    refreshToken: 'refresh-1',
    user: { id: 'u1', email: 'mara@bodega.test', name: 'Mara', role: 'ADMIN' },
  };
}

function json(body: unknown, status = 200) {
  return Promise.resolve({ status, ok: status < 300, headers: new Map([['content-type', 'application/json']]), json: async () => body, text: async () => JSON.stringify(body) } as unknown as Response);
}

describe('the urql client', () => {
  it('refreshes the session on UNAUTHENTICATED and retries with the new token', async () => {
    localStorage.clear();
    localStorage.setItem('bodega.session', JSON.stringify(stored()));
    const seen: Array<{ operation: string; authorization?: string }> = [];
    const fetch = jest.fn((_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { operationName: string };
      const authorization = (init.headers as Record<string, string>)?.Authorization ?? (init.headers as Record<string, string>)?.authorization;
      seen.push({ operation: body.operationName, authorization });
      if (body.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: { accessToken: 'fresh-access', refreshToken: 'refresh-2', accessTokenExpiresAt: new Date(NOW + 900_000).toISOString() } } });
      }
      if (authorization === 'Bearer expired-access') {
        return json({ errors: [{ message: 'The access token has expired.', extensions: { code: 'UNAUTHENTICATED' } }] }, 401);
      }
      return json({ data: { me: { __typename: 'User', id: 'u1', email: 'mara@bodega.test' } } });
    });
    const sessions = new SessionStore({ storage: localStorage, url: 'http://gateway/graphql', fetch: fetch as unknown as typeof globalThis.fetch });
    const bodega = createBodegaClient(sessions, { origin: 'http://gateway', fetch: fetch as unknown as typeof globalThis.fetch });

    const result = await bodega.client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    bodega.dispose();

    expect(result.error).toBeUndefined();
    expect(result.data?.me?.email).toBe('mara@bodega.test');
    expect(seen).toEqual([
      { operation: 'ClientTestMe', authorization: 'Bearer expired-access' },
      { operation: 'RefreshSession', authorization: undefined },
      { operation: 'ClientTestMe', authorization: 'Bearer fresh-access' },
    ]);
    expect(JSON.parse(localStorage.getItem('bodega.session')!)).toMatchObject({ refreshToken: 'refresh-2', accessToken: 'fresh-access' });
  });
});

describe('the live connection', () => {
  it('refreshes the session before reconnecting a socket the gateway closed with 4403 (a revoked token)', async () => {
    // A real WebSocket server; by path, since jsdom's environment resolves `ws` to its browser stub.
    const { WebSocketServer } = jest.requireActual<typeof import('ws')>(`${process.cwd()}/node_modules/ws/index.js`);
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const inits: Array<string | undefined> = [];
    server.on('connection', (socket) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; payload?: { authorization?: string } };
        if (message.type !== 'connection_init') return;
        inits.push(message.payload?.authorization);
        if (inits.length === 1) socket.close(4403, 'Forbidden: Your role changed to CUSTOMER after this access token was issued');
        else socket.send(JSON.stringify({ type: 'connection_ack' }));
      });
    });

    localStorage.clear();
    localStorage.setItem('bodega.session', JSON.stringify({ ...stored(), accessToken: 'staff-access' }));
    const fetch = jest.fn(() =>
      json({ data: { refreshSession: { accessToken: 'customer-access', refreshToken: 'refresh-2', accessTokenExpiresAt: new Date(NOW + 900_000).toISOString() } } }),
    );
    const sessions = new SessionStore({ storage: localStorage, url: `http://127.0.0.1:${port}/graphql`, fetch: fetch as unknown as typeof globalThis.fetch });
    const bodega = createBodegaClient(sessions, { origin: `http://127.0.0.1:${port}`, fetch: fetch as unknown as typeof globalThis.fetch });
    const subscription = bodega.client.subscription('subscription ClientTestStock { stockChanged { productId } }', {}).subscribe(() => undefined);
    try {
      const deadline = Date.now() + 10_000;
      while (inits.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(inits).toEqual(['Bearer staff-access', 'Bearer customer-access']);
      expect(fetch).toHaveBeenCalledTimes(1);
    } finally {
      subscription.unsubscribe();
      bodega.dispose();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
