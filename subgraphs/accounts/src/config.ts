import { commonEnv, ConfigError, ports, readEnv, secretFrom, z } from '@bodega/config';
import { parseSigningKeys, type SigningJwk } from '@bodega/auth';

export function readAccountsConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    {
      ...commonEnv,
      PORT: ports.accounts,
      HOST: z.string().default('127.0.0.1'),
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
        .optional(),
    },
    env,
  );
}

export type AccountsConfig = ReturnType<typeof readAccountsConfig>;

/** The signing keys, required: a process on its own cannot make up keys the other services would trust. */
export async function requireSigningKeys(config: Pick<AccountsConfig, 'ACCOUNTS_SIGNING_KEYS' | 'ACCOUNTS_SIGNING_KEYS_FILE'>): Promise<SigningJwk[]> {
  const text = secretFrom(config.ACCOUNTS_SIGNING_KEYS, config.ACCOUNTS_SIGNING_KEYS_FILE, 'ACCOUNTS_SIGNING_KEYS');
  if (!text) {
    throw new ConfigError('ACCOUNTS_SIGNING_KEYS is not set: give accounts its Ed25519 private key(s) as a JWK set (npm run keys prints one), or ACCOUNTS_SIGNING_KEYS_FILE.');
  }
  try {
    return await parseSigningKeys(text, 'ACCOUNTS_SIGNING_KEYS');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}
