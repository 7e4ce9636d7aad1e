import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/** The public keys a verifier trusts now, by key id. */
export interface TrustedKeys {
  getKey: JWTVerifyGetKey;
  /** Whether tokens signed with this key still stand (a retired key's do not, even if verified before). */
  trusts(kid: string | undefined): boolean;
}

function local(jwks: JSONWebKeySet) {
  const kids = new Set(jwks.keys.map((key) => key.kid).filter((kid): kid is string => typeof kid === 'string'));
  return { getKey: createLocalJWKSet(jwks), kids };
}

/** A fixed set (ACCESS_TOKEN_JWKS, or the signer's own keys). */
export function fixedKeys(jwks: JSONWebKeySet): TrustedKeys {
  const { getKey, kids } = local(jwks);
  return { getKey, trusts: (kid) => kid === undefined || kids.has(kid) };
}

export interface RemoteKeysOptions {
  /** An answer older than this is fetched again (in the background while a verified token only needs its kid). */
  maxAgeMs: number;
  /** A token naming an unknown key fetches again, at most this often (a flood of made-up kids costs one fetch). */
  cooldownMs: number;
  /** Per fetch. Default: 5000 ms. */
  timeoutMs?: number;
}

/**
 * accounts' JWKS document, fetched on first use, when it has aged, and when a token names a key
 * it does not hold. When a fetch fails the last answer keeps serving; with none, verifying fails
 * (SERVICE_UNAVAILABLE, not a refusal).
 */
export function remoteKeys(url: URL, options: RemoteKeysOptions): TrustedKeys {
  let current: (ReturnType<typeof local> & { fetchedAt: number }) | undefined;
  let lastAttempt = 0;
  let inflight: Promise<void> | undefined;

  const refresh = () =>
    (inflight ??= (async () => {
      lastAttempt = Date.now();
      try {
        const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
        if (!response.ok) throw new Error(`accounts' JWKS (${url.href}) answered HTTP ${response.status}`);
        const jwks = (await response.json()) as JSONWebKeySet;
        if (!Array.isArray(jwks?.keys)) throw new Error(`accounts' JWKS (${url.href}) is not a JWK set`);
        current = { ...local(jwks), fetchedAt: Date.now() };
      } finally {
        inflight = undefined;
      }
    })());
  const cooledDown = () => Date.now() - lastAttempt >= options.cooldownMs;
  /** An aged answer is refreshed behind the requests it still serves. */
  const refreshIfAged = () => {
    if (current && Date.now() - current.fetchedAt >= options.maxAgeMs && cooledDown()) void refresh().catch(() => undefined);
  };

  return {
    async getKey(header, token) {
      if (!current) await refresh();
      else if (header.kid !== undefined && !current.kids.has(header.kid) && cooledDown()) {
        // A failed fetch keeps the last answer (and the token is refused by it).
        await refresh().catch(() => undefined);
      } else refreshIfAged();
      return current!.getKey(header, token);
    },
    trusts(kid) {
      refreshIfAged();
      return kid === undefined || (current?.kids.has(kid) ?? false);
    },
  };
}
