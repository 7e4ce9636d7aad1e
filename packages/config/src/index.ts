import { z } from 'zod';

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

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
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
  /** Postgres connection string; without it `npm start` runs an embedded PGlite. */
  DATABASE_URL: optionalUrl,
  /** Redis connection string; without it events travel on an in-process bus. */
  REDIS_URL: optionalUrl,
  /** Signs and verifies access tokens; every service of one deployment shares it. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** On SIGTERM, how long requests in flight may run before they are cut off (README, "Shutting down"). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
};

/** JWT_SECRET, required where a process cannot make up its own (it must match the other services'). */
export function requireJwtSecret(env: { JWT_SECRET?: string }): string {
  if (!env.JWT_SECRET) throw new ConfigError('JWT_SECRET is not set: give every service the same secret of 32+ characters.');
  return env.JWT_SECRET;
}

export const ports = {
  gateway: port(4000),
  accounts: port(4001),
  products: port(4002),
  orders: port(4003),
  chat: port(4004),
  rag: port(4005),
} as const;

export { z };
