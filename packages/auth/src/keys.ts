import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';

/** Access tokens are signed with Ed25519 (JWS `EdDSA`): small keys, fast, no parameters to get wrong. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';

/** An Ed25519 private key as a JWK (`kty: OKP`, `crv: Ed25519`, `x`, `d`), with its key id. */
export interface SigningJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
}

/** A new Ed25519 key whose `kid` is its RFC 7638 thumbprint. */
export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const key = { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! } as const;
  return { ...key, kid: await calculateJwkThumbprint(key), alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
}

/**
 * Reads a set of signing keys: `{"keys":[…]}`, an array or one JWK, as JSON. The first key signs,
 * every one is published (so a token signed by the previous key keeps verifying while it lives).
 * A key without a `kid` gets its thumbprint. Throws with `name` (the variable) in the message.
 */
export async function parseSigningKeys(text: string, name: string): Promise<SigningJwk[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON: give a JWK set of Ed25519 private keys ({"keys":[{"kty":"OKP","crv":"Ed25519","x":…,"d":…}]}).`);
  }
  const list = Array.isArray(parsed) ? parsed : isKeySet(parsed) ? parsed.keys : [parsed];
  if (list.length === 0) throw new Error(`${name} holds no key.`);
  const keys = await Promise.all(
    list.map(async (candidate, index) => {
      const jwk = candidate as Partial<JWK>;
      if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
        throw new Error(`${name}: key ${index + 1} is not an Ed25519 private JWK (kty OKP, crv Ed25519, x and d).`);
      }
      const key = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } as const;
      const kid = typeof jwk.kid === 'string' && jwk.kid.length > 0 ? jwk.kid : await calculateJwkThumbprint(key);
      return { ...key, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' } satisfies SigningJwk;
    }),
  );
  const kids = new Set(keys.map((key) => key.kid));
  if (kids.size !== keys.length) throw new Error(`${name}: two keys share a kid.`);
  return keys;
}

/** The public halves, as the JWK set accounts serves and verifiers may be given. */
export function publicJwks(keys: readonly SigningJwk[]): JSONWebKeySet {
  return { keys: keys.map(({ kty, crv, x, kid }) => ({ kty, crv, x, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' })) };
}

/** Reads a public JWK set (`{"keys":[…]}`) given as JSON; throws naming the variable. */
export function parsePublicJwks(text: string, name: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON: give the JWK set accounts serves at /.well-known/jwks.json.`);
  }
  if (!isKeySet(parsed) || parsed.keys.length === 0) throw new Error(`${name} must be a JWK set with at least one key ({"keys":[…]}).`);
  for (const key of parsed.keys as Array<Partial<JWK>>) {
    if ('d' in key) throw new Error(`${name} holds a private key; give verifiers only the public keys (no "d").`);
  }
  return parsed as JSONWebKeySet;
}

function isKeySet(value: unknown): value is { keys: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}
