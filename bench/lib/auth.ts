import { createHash, createPrivateKey } from 'node:crypto';
import { AccessTokenSigner, AccessTokenVerifier, GATEWAY_CALLER, InternalSigner, InternalVerifier, publicJwks, type SigningJwk, type StandingSource } from '@bodega/auth';

/** The bench's own SERVICE_SECRET, shared by its server processes. */
export const BENCH_SERVICE_SECRET = 'bodega-bench-service-secret-not-for-production-0123456789';

/** An Ed25519 key from a fixed seed, so every bench process (servers, load generator) derives the same one. */
function keyFromSeed(seed: string): SigningJwk {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), createHash('sha256').update(seed).digest()]);
  const { x, d } = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }) as { x: string; d: string };
  return { kty: 'OKP', crv: 'Ed25519', x, d, kid: 'bench', alg: 'EdDSA', use: 'sig' };
}

/** The bench's accounts key: servers verify with its public half, the load generator signs with it. Not for production. */
export const BENCH_SIGNING_KEY = keyFromSeed('bodega-bench-signing-key');
export const benchInternal = new InternalVerifier(BENCH_SERVICE_SECRET);
export const benchGatewaySigner = new InternalSigner(BENCH_SERVICE_SECRET, GATEWAY_CALLER);
export const benchOrdersSigner = new InternalSigner(BENCH_SERVICE_SECRET, 'orders');

let signer: Promise<AccessTokenSigner> | undefined;
export function benchSigner(): Promise<AccessTokenSigner> {
  signer ??= AccessTokenSigner.create([BENCH_SIGNING_KEY]);
  return signer;
}

/** A verifier checking users' standing in `standing` (accounts' tables, or accounts over HTTP), as in production. */
export function benchVerifier(standing: StandingSource): AccessTokenVerifier {
  return new AccessTokenVerifier({ keys: publicJwks([BENCH_SIGNING_KEY]), standing });
}

/** For bench processes that run no accounts subgraph to ask: signature and expiry only. */
export const benchTokens = new AccessTokenVerifier({ keys: publicJwks([BENCH_SIGNING_KEY]), standing: 'unchecked' });

/** The bench's STAFF user; `createStaff` (customers.ts) inserts it where standing is checked. */
export const STAFF_ID = '00000000-0000-4000-8000-000000000001';
const STAFF_SESSION = '00000000-0000-4000-8000-000000000002';

let staff: Promise<string> | undefined;
/** `Authorization` for writes (sellProduct needs STAFF or ADMIN). */
export function staffAuthorization(): Promise<string> {
  staff ??= freshStaffAuthorization();
  return staff;
}

/** A STAFF `Authorization` signed now, for load that may outlast a cached token (15 minutes). */
export async function freshStaffAuthorization(): Promise<string> {
  const { token } = await (await benchSigner()).issue({ id: STAFF_ID, role: 'STAFF', sessionId: STAFF_SESSION });
  return `Bearer ${token}`;
}
