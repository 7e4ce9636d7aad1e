import { print } from 'graphql';
import { graphql } from '../graphql/generated';
import type { Role } from '../graphql/generated/graphql';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** What a signed-in browser keeps: both tokens (the refresh token rotates on every use) and who it is. */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
}

/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;
const STORAGE_KEY = 'bodega.session';
const REFRESH_LOCK = 'bodega.session.refresh';

/** What logIn and signUp answer with: everything a session keeps. */
export const SessionPayloadFragment = graphql(`
  fragment SessionPayload on AuthPayload {
    accessToken
    refreshToken
    accessTokenExpiresAt
    user {
      id
      email
      name
      role
    }
  }
`);

export const RefreshSessionDocument = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      accessTokenExpiresAt
    }
  }
`);

export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}

interface GraphQLBody {
  data?: { refreshSession?: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string } | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export interface SessionStoreOptions {
  /** Where the session survives a reload and is shared between tabs. Default: `localStorage`. */
  storage?: Storage;
  /** The gateway's GraphQL URL. Default: `/graphql` on this page's origin. */
  url?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * The signed-in session, shared by the HTTP auth exchange and the WebSocket's connection_init.
 *
 * refreshSession rotates: presenting a used refresh token again revokes the whole session. So one
 * refresh runs at a time, in this tab (one promise) and across tabs (a Web Lock), and whoever gets
 * the lock first re-reads storage: if another tab already rotated, its tokens are used as they are.
 */
export class SessionStore {
  private session: Session | null;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<Session | null> | undefined;
  private readonly storage: Storage | undefined;
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  /** Why the last session ended, for the log-in screen to say. */
  endedBecause: string | undefined;

  constructor(options: SessionStoreOptions = {}) {
    this.storage = options.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
    this.url = options.url ?? '/graphql';
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.now = options.now ?? Date.now;
    this.session = this.read();
  }

  get current(): Session | null {
    return this.session;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(session: Session | null, endedBecause?: string): void {
    this.session = session;
    this.endedBecause = session ? undefined : endedBecause;
    if (session) this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    else this.storage?.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener();
  }

  /** Another tab signed in, out or rotated the tokens: adopt what it stored. */
  syncFromStorage(): void {
    const stored = this.read();
    if (stored?.accessToken === this.session?.accessToken) return;
    const changedUser = stored?.user.id !== this.session?.user.id;
    this.session = stored;
    if (changedUser) for (const listener of this.listeners) listener();
  }

  expiresSoon(session: Session | null = this.session): boolean {
    return !!session && Date.parse(session.accessTokenExpiresAt) - this.now() < EXPIRY_MARGIN_MS;
  }

  /** The session with an access token good for a while yet, refreshing first when it is about to expire. */
  async fresh(): Promise<Session | null> {
    return this.expiresSoon() ? this.refresh() : this.session;
  }

  /**
   * Rotates the tokens. Resolves with the new session, or null when the server no longer accepts
   * the refresh token (the session is then ended); rejects when the server cannot be reached.
   */
  refresh(): Promise<Session | null> {
    const stale = this.session?.accessToken;
    this.refreshing ??= this.withLock(() => this.rotate(stale)).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async rotate(staleAccessToken: string | undefined): Promise<Session | null> {
    const stored = this.read() ?? this.session;
    if (!stored) return null;
    if (stored.accessToken !== staleAccessToken && !this.expiresSoon(stored)) {
      this.session = stored;
      return stored;
    }
    const response = await this.fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        operationName: 'RefreshSession',
        query: print(RefreshSessionDocument),
        variables: { refreshToken: stored.refreshToken },
      }),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLBody;
    const tokens = body.data?.refreshSession;
    if (tokens) {
      const next = { ...stored, ...tokens };
      this.set(next);
      return next;
    }
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'UNAUTHENTICATED') {
      // Unless another session took its place meanwhile (logged out and in again): that one stands.
      const now = this.read();
      if (now && now.refreshToken !== stored.refreshToken) return now;
      this.set(null, `Your session ended (${error.message}). Log in again.`);
      return null;
    }
    throw new Error(error?.message ?? `Refreshing the session failed with HTTP ${response.status}.`);
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? locks.request(REFRESH_LOCK, work) : work();
  }

  private read(): Session | null {
    const text = this.storage?.getItem(STORAGE_KEY);
    if (!text) return null;
    try {
      return JSON.parse(text) as Session;
    } catch {
      return null;
    }
  }
}

export function isStaff(user: SessionUser | null | undefined): boolean {
  return user?.role === 'ADMIN' || user?.role === 'STAFF';
}
