import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests between Bodega's own processes (gateway → subgraph, orders → products, anyone →
 * accounts' standing lookups) carry an HMAC-SHA256 over what they assert, keyed with the
 * deployment's SERVICE_SECRET, much as Hive Gateway's upstream signature does:
 *
 *   x-bodega-signature: t=<unix seconds>,caller=<name>,v1=<hex>
 *
 * signed over `v1`, the kind (`http` or `ws`), t, the caller, the method, the path and query,
 * `Authorization`, `x-client-ip` and the SHA-256 of the body, newline-separated. A subgraph
 * answers only signed requests, believes `x-client-ip` only because it is signed, and treats a
 * caller other than the gateway as that service. The signature is not a user token and cannot be
 * used as one; a captured one is good for that exact request for SIGNATURE_TOLERANCE_SECONDS.
 */
export const SIGNATURE_HEADER = 'x-bodega-signature';
/** The caller's address as the gateway saw it; believed only when signed. */
export const CLIENT_IP_HEADER = 'x-client-ip';
/** How far a signature's time may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 60;
/** The caller name the gateway signs as; any other caller is a service. */
export const GATEWAY_CALLER = 'gateway';
export const MIN_SERVICE_SECRET_LENGTH = 32;

const CALLER = /^[a-z][a-z0-9-]{0,31}$/;
const EMPTY_BODY_HASH = createHash('sha256').digest('hex');

export interface SignedRequest {
  kind: 'http' | 'ws';
  method: string;
  /** Path and query, as the receiver sees them (`/graphql`). */
  target: string;
  authorization?: string;
  clientIp?: string;
  body?: string | Buffer;
}

/** Who sent a request whose signature verified. */
export interface VerifiedCaller {
  /** `gateway`, or the service's name (`orders`). */
  name: string;
  /** The end user's address, when the gateway forwarded one. */
  clientIp?: string;
}

function canonical(request: SignedRequest, timestamp: number, caller: string): string {
  const body = request.body === undefined || request.body.length === 0 ? EMPTY_BODY_HASH : createHash('sha256').update(request.body).digest('hex');
  return ['v1', request.kind, timestamp, caller, request.method.toUpperCase(), request.target, request.authorization ?? '', request.clientIp ?? '', body].join('\n');
}

function checkSecret(secret: string): void {
  if (secret.length < MIN_SERVICE_SECRET_LENGTH) throw new Error(`SERVICE_SECRET must be at least ${MIN_SERVICE_SECRET_LENGTH} characters.`);
}

/** Signs this process's requests to other Bodega services as `caller`. */
export class InternalSigner {
  constructor(
    private readonly secret: string,
    readonly caller: string,
  ) {
    checkSecret(secret);
    if (!CALLER.test(caller)) throw new Error(`"${caller}" is not a caller name (lowercase letters, digits and dashes).`);
  }

  /** The `x-bodega-signature` value for this request. */
  sign(request: SignedRequest, now = Date.now()): string {
    const timestamp = Math.floor(now / 1000);
    const mac = createHmac('sha256', this.secret).update(canonical(request, timestamp, this.caller)).digest('hex');
    return `t=${timestamp},caller=${this.caller},v1=${mac}`;
  }

  /** graphql-ws `connection_init` payload proving the connection (re-made on every reconnect). */
  connectionParams(target: string, now = Date.now()): { signature: string } {
    return { signature: this.sign({ kind: 'ws', method: 'GET', target }, now) };
  }
}

/** Checks requests signed by other Bodega services. */
export class InternalVerifier {
  constructor(private readonly secret: string) {
    checkSecret(secret);
  }

  /** The caller, or null when the signature is missing, malformed, stale or does not match. */
  verify(signature: string | undefined, request: SignedRequest, now = Date.now()): VerifiedCaller | null {
    if (!signature) return null;
    const fields = new Map(signature.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
    const timestamp = Number(fields.get('t'));
    const caller = fields.get('caller');
    const mac = fields.get('v1');
    if (!Number.isInteger(timestamp) || !caller || !CALLER.test(caller) || !mac || !/^[0-9a-f]{64}$/.test(mac)) return null;
    if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return null;
    const expected = createHmac('sha256', this.secret).update(canonical(request, timestamp, caller)).digest();
    if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return null;
    return request.clientIp ? { name: caller, clientIp: request.clientIp } : { name: caller };
  }
}
