import { SessionStore, type Session } from './session';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');

function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'access-1',
    accessTokenExpiresAt: new Date(NOW + 15 * 60_000).toISOString(),
    refreshToken: 'refresh-1',
    user: { id: 'u1', email: 'mara@bodega.test', name: 'Mara', role: 'ADMIN' },
    ...overrides,
  };
}

/** jsdom has no fetch: the part of a Response the store reads. */
function respond(body: unknown, status = 200) {
  return Promise.resolve({ status, ok: status < 300, json: async () => body } as Response);
}

function storeWith(fetch: jest.Mock, initial: Session | null = session()) {
  localStorage.clear();
  if (initial) localStorage.setItem('bodega.session', JSON.stringify(initial));
  return new SessionStore({ storage: localStorage, url: 'http://gateway/graphql', fetch, now: () => NOW });
}

describe('SessionStore', () => {
  it('rotates the tokens and keeps the new refresh token, since the old one stops working', async () => {
    const fetch = jest.fn(() =>
      respond({ data: { refreshSession: { accessToken: 'access-2', refreshToken: 'refresh-2', accessTokenExpiresAt: new Date(NOW + 900_000).toISOString() } } }),
    );
    const store = storeWith(fetch);

    const next = await store.refresh();

    expect(next).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2', user: { id: 'u1' } });
    expect(JSON.parse(localStorage.getItem('bodega.session')!)).toMatchObject({ refreshToken: 'refresh-2' });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toMatchObject({
      operationName: 'RefreshSession',
      variables: { refreshToken: 'refresh-1' },
    });
  });

  it('sends one refresh for concurrent callers, so a refresh token is never presented twice', async () => {
    const fetch = jest.fn(() =>
      respond({ data: { refreshSession: { accessToken: 'access-2', refreshToken: 'refresh-2', accessTokenExpiresAt: new Date(NOW + 900_000).toISOString() } } }),
    );
    const store = storeWith(fetch);

    const results = await Promise.all([store.refresh(), store.refresh(), store.refresh()]);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r?.accessToken)).toEqual(['access-2', 'access-2', 'access-2']);
  });

  it('keeps a session that replaced the one whose refresh was refused meanwhile (logged out and in again)', async () => {
    let answer: (value: Response) => void = () => undefined;
    const fetch = jest.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const store = storeWith(fetch);
    const refreshing = store.refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.set(session({ accessToken: 'access-new', refreshToken: 'refresh-new' }));
    answer({ status: 200, ok: true, json: async () => ({ errors: [{ message: 'This session has ended; sign in again.', extensions: { code: 'UNAUTHENTICATED' } }] }) } as Response);

    expect((await refreshing)?.accessToken).toBe('access-new');
    expect(store.current?.refreshToken).toBe('refresh-new');
  });

  it('adopts tokens another tab already rotated instead of refreshing again', async () => {
    const fetch = jest.fn();
    const store = storeWith(fetch);
    localStorage.setItem('bodega.session', JSON.stringify(session({ accessToken: 'access-from-tab-2', refreshToken: 'refresh-from-tab-2' })));

    const next = await store.refresh();

    expect(fetch).not.toHaveBeenCalled();
    expect(next?.refreshToken).toBe('refresh-from-tab-2');
  });

  it('ends the session with the server’s reason when the refresh token is refused', async () => {
    const fetch = jest.fn(() =>
      respond({ data: null, errors: [{ message: 'This refresh token was already used; sign in again.', extensions: { code: 'UNAUTHENTICATED' } }] }),
    );
    const store = storeWith(fetch);
    const changed = jest.fn();
    store.subscribe(changed);

    expect(await store.refresh()).toBeNull();
    expect(store.current).toBeNull();
    expect(store.endedBecause).toContain('This refresh token was already used');
    expect(localStorage.getItem('bodega.session')).toBeNull();
    expect(changed).toHaveBeenCalled();
  });

  it('keeps the session and fails loudly when the server cannot be reached', async () => {
    const fetch = jest.fn(() => respond({ errors: [{ message: 'Something went wrong on our side.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, 500));
    const store = storeWith(fetch);

    await expect(store.refresh()).rejects.toThrow('Something went wrong on our side.');
    expect(store.current?.refreshToken).toBe('refresh-1');
  });

  it('refreshes ahead of time only when the access token is about to expire', async () => {
    const fetch = jest.fn(() =>
      respond({ data: { refreshSession: { accessToken: 'access-2', refreshToken: 'refresh-2', accessTokenExpiresAt: new Date(NOW + 900_000).toISOString() } } }),
    );
    expect((await storeWith(fetch).fresh())?.accessToken).toBe('access-1');
    expect(fetch).not.toHaveBeenCalled();

    const expiring = storeWith(fetch, session({ accessTokenExpiresAt: new Date(NOW + 10_000).toISOString() }));
    expect((await expiring.fresh())?.accessToken).toBe('access-2');
  });
});
