import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JSONWebKeySet, type KeyLike } from 'jose';
import type { Role } from './identity';
import { ACCESS_TOKEN_ALGORITHM, publicJwks, type SigningJwk } from './keys';

export const ISSUER = 'bodega';
export const AUDIENCE = 'bodega';
/** RFC 9068's type for JWT access tokens: no other JWT can pass for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Access tokens are short-lived; refresh tokens (opaque, in the accounts database) renew them. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

export interface TokenSubject {
  id: string;
  role: Role;
  /** The session (refresh-token family) the token belongs to: logging out revokes its tokens. */
  sessionId: string;
}

/**
 * Mints access tokens: only the accounts subgraph holds one. Signs with the first of its keys and
 * names it in the header (`kid`); `jwks` publishes every key's public half.
 */
export class AccessTokenSigner {
  private constructor(
    private readonly key: KeyLike | Uint8Array,
    readonly keyId: string,
    readonly jwks: JSONWebKeySet,
    private readonly ttlSeconds: number,
  ) {}

  static async create(keys: readonly SigningJwk[], ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<AccessTokenSigner> {
    const active = keys[0];
    if (!active) throw new Error('An access-token signer needs at least one key.');
    return new AccessTokenSigner(await importJWK(active, ACCESS_TOKEN_ALGORITHM), active.kid, publicJwks(keys), ttlSeconds);
  }

  async issue(subject: TokenSubject, now = new Date()): Promise<AccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role: subject.role, sid: subject.sessionId })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: this.keyId })
      .setSubject(subject.id)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
