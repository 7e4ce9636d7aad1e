import { commonEnv, ports, readEnv, z } from '@bodega/config';

export function readAccountsConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    {
      ...commonEnv,
      PORT: ports.accounts,
      HOST: z.string().default('127.0.0.1'),
      /** Signs access tokens (HS256); every subgraph and the gateway share it. */
      JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters.'),
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
