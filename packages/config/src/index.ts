import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defaultUrl } from './services';

export * from './services';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once, at start. A bad or missing variable
 * fails with a message that names it, instead of a confusing error later.
 */
export function readEnv<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
}

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.string().url().optional())
  .optional();

/** Variables every Bodega process understands. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json, or pretty lines for people. Default: pretty on a terminal outside production, else json. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Postgres connection string; without it `npm start` runs an embedded PGlite. */
  DATABASE_URL: optionalUrl,
  /** Redis connection string; without it events travel on an in-process bus. */
  REDIS_URL: optionalUrl,
  /**
   * Shared by the gateway and every subgraph of one deployment (32+ characters): signs what the
   * gateway forwards and service-to-service calls. Or SERVICE_SECRET_FILE, a file holding it.
   */
  SERVICE_SECRET: z
    .string()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(32, 'must be at least 32 characters').optional())
    .optional(),
  SERVICE_SECRET_FILE: z.string().optional(),
  /** On SIGTERM, how long requests in flight may run before they are cut off (README, "Shutting down"). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
};

/** Where verifiers find accounts' public keys: a JWK set given inline, or accounts' JWKS URL. */
export const accessTokenKeysEnv = {
  /** The accounts subgraph's GraphQL URL; its JWKS and standing lookups are beside it. */
  ACCOUNTS_URL: z.string().url().default(defaultUrl('accounts')),
  /** accounts' public keys as a JWK set (JSON). Default: fetched from ACCESS_TOKEN_JWKS_URL. */
  ACCESS_TOKEN_JWKS: z.string().optional(),
  /** Default: /.well-known/jwks.json beside ACCOUNTS_URL. */
  ACCESS_TOKEN_JWKS_URL: z.string().url().optional(),
};

/**
 * A secret given as NAME or in the file NAME_FILE names (Docker secrets), trimmed;
 * undefined when neither is set.
 */
export function secretFrom(value: string | undefined, file: string | undefined, name: string): string | undefined {
  if (value) return value;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${name}_FILE names ${file}, which cannot be read: ${(error as Error).message}`);
  }
}

/** SERVICE_SECRET, required where a process cannot make up its own (it must match the other services'). */
export function requireServiceSecret(env: { SERVICE_SECRET?: string; SERVICE_SECRET_FILE?: string }): string {
  const secret = secretFrom(env.SERVICE_SECRET, env.SERVICE_SECRET_FILE, 'SERVICE_SECRET');
  if (!secret) throw new ConfigError('SERVICE_SECRET is not set: give the gateway and every subgraph the same secret of 32+ characters (or SERVICE_SECRET_FILE).');
  if (secret.length < 32) throw new ConfigError('SERVICE_SECRET must be at least 32 characters.');
  return secret;
}


export { z };
