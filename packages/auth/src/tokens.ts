import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { unauthenticated as unauthenticatedError } from '@bodega/errors';
import { isRole, SERVICE_ROLE, type CallerRole, type Identity, type Role } from './identity';

/** A bad token fails the whole request: 401 over HTTP (Apollo strips `http` from the response). */
function unauthenticated(message: string) {
  const error = unauthenticatedError(message);
  error.extensions.http = { status: 401 };
  return error;
}

const ISSUER = 'bodega';
const AUDIENCE = 'bodega';
const ALGORITHM = 'HS256';
/** Access tokens are short-lived; refresh tokens (opaque, in the accounts database) renew them. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const VERIFIED_CACHE_SIZE = 10_000;

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** Signs and verifies access tokens (JWT, HS256) with one shared secret. */
export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, until they expire: the same string always verifies the same way, and
   * a client sends its token with every request (HMAC and claim checks were ~6% of a process's CPU
   * per sale). Bounded; the oldest entry goes first.
   */
  private readonly verified = new Map<string, { identity: Identity; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
  ) {
    if (secret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters.');
    this.key = new TextEncoder().encode(secret);
  }

  async issue(user: { id: string; role: Role }, now = new Date()): Promise<AccessToken> {
    return this.sign(user.id, user.role, now);
  }

  /** A token for service-to-service calls to internal fields (see requireService). */
  async issueForService(service: string, now = new Date()): Promise<AccessToken> {
    return this.sign(`service:${service}`, SERVICE_ROLE, now);
  }

  private async sign(subject: string, role: CallerRole, now: Date): Promise<AccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The identity a token proves; UNAUTHENTICATED when it is expired, tampered with or malformed. */
  async verify(token: string, now = Date.now()): Promise<Identity> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > now) return known.identity;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM] });
      if (!payload.sub || !payload.jti || !isCallerRole(payload.role)) throw unauthenticated('The access token is not one of ours.');
      const identity: Identity = { userId: payload.sub, role: payload.role, tokenId: payload.jti };
      this.remember(token, identity, (payload.exp ?? 0) * 1000);
      return identity;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthenticated('The access token has expired; refresh the session.');
      }
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('The access token is invalid; sign in again.');
      throw error;
    }
  }

  private remember(token: string, identity: Identity, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { identity, expiresAtMs });
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
}

function isCallerRole(value: unknown): value is CallerRole {
  return value === SERVICE_ROLE || isRole(value);
}

/** A service's own access token, renewed a minute before it expires. */
export class ServiceCredentials {
  private current: AccessToken | undefined;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly service: string,
  ) {}

  async authorization(now = new Date()): Promise<string> {
    if (!this.current || this.current.expiresAt.getTime() - now.getTime() < 60_000) {
      this.current = await this.tokens.issueForService(this.service, now);
    }
    return `Bearer ${this.current.token}`;
  }
}
