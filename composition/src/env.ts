import { accountsEnv, configuredSigningKeys, signUpLimitsFrom } from '@bodega/accounts';
import { aiEnv, checkAiEnv } from '@bodega/ai';
import { parsePublicJwks } from '@bodega/auth';
import {
  accessTokenKeysEnv,
  commonEnv,
  ConfigError,
  ownPortEnv,
  portVariable,
  readEnv,
  requireServiceSecret,
  SERVICES,
  servicePortsEnv,
  SUBGRAPH_NAMES,
  subgraphUrlsEnv,
  urlVariable,
  z,
  type ServiceName,
  type SubgraphName,
} from '@bodega/config';
import { subscriptionCapsEnv, subscriptionCapsFrom } from '@bodega/gateway';
import { createLogger, type Logger } from '@bodega/logger';
import { ordersEnv } from '@bodega/orders';
import { alertConfigFromEnv, alertEnv } from '@bodega/products';
import { ragEnv, ragSettingsFromEnv } from '@bodega/rag';
import type { AccessKeys, BodegaOptions } from './options';

/** Every variable a Bodega process reads, in one shape (documented in .env.example). */
export const bodegaEnv = {
  ...commonEnv,
  ...accessTokenKeysEnv,
  ...subgraphUrlsEnv,
  ...servicePortsEnv,
  HOST: z.string().default('127.0.0.1'),
  ...accountsEnv,
  ...ordersEnv,
  ...alertEnv,
  ...ragEnv,
  ...aiEnv,
  ...subscriptionCapsEnv,
};

export type BodegaEnv = z.infer<z.ZodObject<typeof bodegaEnv>>;

/**
 * The environment, read and checked once. With `service`, as a process running that one service
 * reads it: its port is PORT (docker-compose), defaulting to the service's own.
 */
export function readBodegaEnv(env: NodeJS.ProcessEnv = process.env, service?: ServiceName): BodegaEnv {
  const config = readEnv(service ? { ...bodegaEnv, ...ownPortEnv(service) } : bodegaEnv, env);
  checkAiEnv(config);
  return config;
}

/** pino for each service: JSON lines, or pretty ones at a terminal outside production unless LOG_FORMAT says otherwise. */
export function loggerFactory(env: Pick<BodegaEnv, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>): (service: string) => Logger {
  const pretty = env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY) && env.NODE_ENV !== 'production';
  return (service) => createLogger(service, env.LOG_LEVEL, { pretty });
}

/** The keys a deployment configured: the signing keys wherever accounts runs, the shared secret everywhere. */
export async function configuredKeys(env: BodegaEnv, services: readonly ServiceName[]): Promise<AccessKeys> {
  const signing = await configuredSigningKeys(env);
  if (services.includes('accounts') && !signing) {
    throw new ConfigError('ACCOUNTS_SIGNING_KEYS is not set: give accounts its Ed25519 private key(s) as a JWK set (npm run keys prints one), or ACCOUNTS_SIGNING_KEYS_FILE.');
  }
  return {
    signing,
    publicJwks: env.ACCESS_TOKEN_JWKS ? parsePublicJwks(env.ACCESS_TOKEN_JWKS, 'ACCESS_TOKEN_JWKS') : undefined,
    jwksUrl: env.ACCESS_TOKEN_JWKS_URL,
    serviceSecret: requireServiceSecret(env),
  };
}

/** The options of `startBodega` that the environment decides, for the given services. */
export function optionsFromEnv(env: BodegaEnv, services: readonly ServiceName[], keys: AccessKeys): BodegaOptions {
  const values = env as unknown as Record<string, unknown>;
  const single = services.length === 1;
  const ports = Object.fromEntries(
    services.map((name) => [name, Number(single ? values.PORT : values[portVariable(name)] ?? SERVICES[name].port)]),
  ) as Partial<Record<ServiceName, number>>;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, String(values[urlVariable(name)])])) as Record<SubgraphName, string>;
  return {
    services,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    logger: loggerFactory(env),
    keys,
    ports,
    host: env.HOST,
    urls,
    production: env.NODE_ENV === 'production',
    shopCurrency: env.SHOP_CURRENCY,
    adminEmail: env.BODEGA_ADMIN_EMAIL,
    ai: env,
    alerts: alertConfigFromEnv(env),
    rag: ragSettingsFromEnv(env),
    signUpLimits: signUpLimitsFrom(env),
    subscriptionLimits: subscriptionCapsFrom(env),
  };
}
