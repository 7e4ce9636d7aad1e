import { ConfigError, secretFrom, z } from '@bodega/config';
import { parseSigningKeys, type SigningJwk } from '@bodega/auth';
import { DEFAULT_SIGN_UP_LIMITS, type SignUpLimits } from './services/rate-limit';

/** The accounts subgraph's own variables (the composition root reads them with every other). */
export const accountsEnv = {
  /**
   * accounts alone signs access tokens: a JWK set of Ed25519 private keys (JSON), the first
   * signing, every one published at /.well-known/jwks.json. Or ACCOUNTS_SIGNING_KEYS_FILE.
   */
  ACCOUNTS_SIGNING_KEYS: z.string().optional(),
  ACCOUNTS_SIGNING_KEYS_FILE: z.string().optional(),
  /** This email becomes ADMIN when it signs up (besides the very first account). */
  BODEGA_ADMIN_EMAIL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().email().optional())
    .optional(),
  /**
   * Accounts one client address may open per 15 minutes (a shop behind one NAT, a kiosk, a
   * staging run signing up test users may want more).
   */
  SIGN_UP_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(DEFAULT_SIGN_UP_LIMITS.perAddress.limit),
};

export function signUpLimitsFrom(env: { SIGN_UP_LIMIT_PER_ADDRESS: number }): SignUpLimits {
  return { perAddress: { ...DEFAULT_SIGN_UP_LIMITS.perAddress, limit: env.SIGN_UP_LIMIT_PER_ADDRESS } };
}

/** The signing keys when configured (ACCOUNTS_SIGNING_KEYS or its _FILE); undefined when not. */
export async function configuredSigningKeys(env: { ACCOUNTS_SIGNING_KEYS?: string; ACCOUNTS_SIGNING_KEYS_FILE?: string }): Promise<SigningJwk[] | undefined> {
  const text = secretFrom(env.ACCOUNTS_SIGNING_KEYS, env.ACCOUNTS_SIGNING_KEYS_FILE, 'ACCOUNTS_SIGNING_KEYS');
  if (!text) return undefined;
  try {
    return await parseSigningKeys(text, 'ACCOUNTS_SIGNING_KEYS');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** The signing keys, required: a process on its own cannot make up keys the other services would trust. */
export async function requireSigningKeys(env: { ACCOUNTS_SIGNING_KEYS?: string; ACCOUNTS_SIGNING_KEYS_FILE?: string }): Promise<SigningJwk[]> {
  const keys = await configuredSigningKeys(env);
  if (!keys) {
    throw new ConfigError('ACCOUNTS_SIGNING_KEYS is not set: give accounts its Ed25519 private key(s) as a JWK set (npm run keys prints one), or ACCOUNTS_SIGNING_KEYS_FILE.');
  }
  return keys;
}
