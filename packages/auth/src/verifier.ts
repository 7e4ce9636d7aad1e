import { errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { serviceUnavailable as serviceUnavailableError, unauthenticated as unauthenticatedError } from '@bodega/errors';
import { Topic, type EventBus, type Unsubscribe } from '@bodega/events';
import { isRole, serviceIdentity, type Identity } from './identity';
import { GATEWAY_CALLER } from './internal-signature';
import { fixedKeys, remoteKeys, type TrustedKeys } from './key-set';
import { ACCESS_TOKEN_ALGORITHM } from './keys';
import { ACCESS_TOKEN_TYPE, AUDIENCE, ISSUER } from './signer';
import { StandingCache, type Standing, type StandingCacheOptions, type StandingSource } from './standing';

/** A bad token fails the whole request: 401 over HTTP (Apollo strips `http` from the response). */
function unauthenticated(message: string) {
  const error = unauthenticatedError(message);
  error.extensions.http = { status: 401 };
  return error;
}

function unavailable(message: string) {
  const error = serviceUnavailableError(message);
  error.extensions.http = { status: 503 };
  return error;
}

const VERIFIED_CACHE_SIZE = 10_000;

/** jose's failures that mean the token is bad; any other (the JWKS could not be fetched) means we cannot tell. */
const REFUSED_TOKEN_CODES = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
]);

export interface AccessTokenVerifierOptions {
  /**
   * accounts' public keys: a JWK set, or the URL of the JWKS document accounts serves. A URL is
   * fetched on first use, again once the answer is `jwksMaxAgeMs` old, and at once when a token
   * names a key it has not seen (at most every `jwksCooldownMs`), so a key added to accounts is
   * trusted without restarting anything.
   */
  keys: JSONWebKeySet | URL;
  /** @default 300_000 (5 minutes) */
  jwksMaxAgeMs?: number;
  /** @default 5_000 */
  jwksCooldownMs?: number;
  /**
   * Where a token's user is checked (exists, still has the token's role, session not ended), or
   * `'unchecked'`: signature and expiry only, for tests and tools that run no accounts subgraph.
   */
  standing: StandingSource | 'unchecked';
  standingCache?: StandingCacheOptions;
}

/**
 * Verifies access tokens with accounts' public keys: every service holds one, none can mint a token.
 * A token is then checked against its user's standing, kept in memory and refreshed by
 * `SessionChanged` events (see `follow`), so a log-out or a role change is felt within moments
 * without a round trip per request.
 */
export class AccessTokenVerifier {
  private readonly keys: TrustedKeys;
  /**
   * Tokens whose signature was already verified, until they expire: a client sends its token with
   * every request (signature and claim checks were ~6% of a process's CPU per sale). Bounded; the
   * oldest entry goes first. Standing is checked on every use, hit or miss.
   */
  private readonly verified = new Map<string, { identity: Identity; kid: string | undefined; expiresAtMs: number }>();
  private readonly standing: StandingCache | undefined;
  private readonly listeners = new Set<(userId: string) => void>();

  constructor(options: AccessTokenVerifierOptions) {
    this.keys =
      options.keys instanceof URL
        ? remoteKeys(options.keys, { maxAgeMs: options.jwksMaxAgeMs ?? 300_000, cooldownMs: options.jwksCooldownMs ?? 5_000 })
        : fixedKeys(options.keys);
    this.standing = options.standing === 'unchecked' ? undefined : new StandingCache(options.standing, options.standingCache);
  }

  /** The identity a token proves; UNAUTHENTICATED when it is expired, forged, revoked or its user is gone. */
  async verify(token: string, now = Date.now()): Promise<Identity> {
    const identity = await this.signed(token, now);
    if (this.standing) {
      const known = this.standing.get(identity.userId, now);
      const standing = known instanceof Promise ? await known.catch(cannotCheck) : known;
      refuseUnlessStanding(identity, standing);
    }
    return identity;
  }

  /**
   * The identity in an `Authorization: Bearer …` header: null when there is none,
   * UNAUTHENTICATED when there is one that does not verify (never silently anonymous).
   */
  async fromAuthorization(header: string | null | undefined): Promise<Identity | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('Send the access token as "Authorization: Bearer <token>".');
    return this.verify(match[1]!);
  }

  /** Forgets what is known about a user's standing (the next check asks accounts) and tells listeners. */
  forget(userId: string): void {
    this.standing?.forget(userId);
    for (const listener of this.listeners) listener(userId);
  }

  /** Forgets a user whenever accounts announces a change to their sessions or role. */
  follow(events: EventBus): Promise<Unsubscribe> {
    return events.subscribe(Topic.SessionChanged, (event) => this.forget(event.userId));
  }

  /** Called with a user's id when their standing may have changed (gateway: re-check their sockets). */
  onChange(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async signed(token: string, now: number): Promise<Identity> {
    const known = this.verified.get(token);
    // A token verified before stands only while its key does: a retired key takes its tokens along.
    if (known && known.expiresAtMs > now && this.keys.trusts(known.kid)) return known.identity;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.keys.getKey, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        currentDate: new Date(now),
      });
      const { sub, jti, sid, role, exp } = payload;
      if (!sub || !jti || typeof sid !== 'string' || !isRole(role) || !exp) throw unauthenticated('The access token is not one of ours.');
      const identity: Identity = { userId: sub, role, tokenId: jti, sessionId: sid };
      this.remember(token, identity, protectedHeader.kid, exp * 1000);
      return identity;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired; refresh the session.');
      if (error instanceof joseErrors.JOSEError && REFUSED_TOKEN_CODES.has(error.code)) {
        throw unauthenticated('The access token is invalid; sign in again.');
      }
      if (error instanceof joseErrors.JOSEError || !(error instanceof Error && 'extensions' in error)) {
        throw unavailable('Access tokens cannot be checked right now (the accounts service did not give its keys); try again shortly.');
      }
      throw error;
    }
  }

  private remember(token: string, identity: Identity, kid: string | undefined, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { identity, kid, expiresAtMs });
  }
}

function cannotCheck(): never {
  throw unavailable('Your session cannot be checked right now (the accounts service did not answer); try again shortly.');
}

function refuseUnlessStanding(identity: Identity, standing: Standing | null): void {
  if (!standing) throw unauthenticated('The account this access token was issued for no longer exists.');
  if (identity.sessionId && standing.revokedSessions.has(identity.sessionId)) {
    throw unauthenticated('This session has ended (logged out); sign in again.');
  }
  if (standing.role !== identity.role) {
    throw unauthenticated(`Your role changed to ${standing.role} after this access token was issued; refresh the session.`);
  }
}

/**
 * Who a request to a subgraph is from: a Bodega service when a service signed it (never a
 * token), else the user in its `Authorization` header (null: anonymous).
 */
export function identityOf(
  verifier: AccessTokenVerifier,
  request: { authorization?: string; caller?: { name: string } },
): Promise<Identity | null> {
  if (request.caller && request.caller.name !== GATEWAY_CALLER) return Promise.resolve(serviceIdentity(request.caller.name));
  return verifier.fromAuthorization(request.authorization);
}
