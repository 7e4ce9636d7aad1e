/**
 * `npm start`: migrates, then runs every subgraph and the gateway in this one process,
 * each on its own port. With DATABASE_URL / REDIS_URL it uses them; without, it runs on
 * an embedded PGlite (data under .bodega/) and an in-process event bus, and says so.
 */
import { join } from 'node:path';
import { aiEnv, checkAiEnv, createAi } from '@bodega/ai';
import { AccessTokenSigner, AccessTokenVerifier, GATEWAY_CALLER, InternalSigner, InternalVerifier, parseSigningKeys } from '@bodega/auth';
import { commonEnv, ConfigError, readEnv, requireServiceSecret, secretFrom, z } from '@bodega/config';
import { createPrismaClient, loadTaxonomy, migrate } from '@bodega/db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@bodega/db/embedded';
import { createEventBus } from '@bodega/events';
import { composeSupergraph, SUBGRAPHS, startGateway, subscriptionCapsEnv, subscriptionCapsFrom } from '@bodega/gateway';
import { createLogger } from '@bodega/logger';
import { exitOnSignals } from '@bodega/server-kit';
import { accountsStanding, startAccountsSubgraph } from '@bodega/accounts';
import { categoriesFrom, readAlertDeliveryConfig, startProductsSubgraph } from '@bodega/products';
import { createStockClient, startOrdersSubgraph } from '@bodega/orders';
import { Redis } from 'ioredis';
import { devKeys } from './dev-keys';
import { describeMode, onPort, PortInUseError } from './start-support';

const env = readEnv({
  ...commonEnv,
  ...aiEnv,
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ACCOUNTS_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  PRODUCTS_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  ORDERS_PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  SHOP_CURRENCY: z.string().length(3).toUpperCase().default('EUR'),
  BODEGA_ADMIN_EMAIL: z.string().email().optional(),
  ACCOUNTS_SIGNING_KEYS: z.string().optional(),
  ACCOUNTS_SIGNING_KEYS_FILE: z.string().optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5499),
  EMBEDDED_DATA_DIR: z.string().default(join(process.cwd(), '.bodega', 'pgdata')),
  ...subscriptionCapsEnv,
});
checkAiEnv(env);
const log = createLogger('bodega', env.LOG_LEVEL);

async function main() {
  const alerts = readAlertDeliveryConfig();
  // Stopped last to first: the gateway drains while the subgraphs its requests in flight need still
  // serve, then each subgraph, then what they used. One grace period for them all.
  const stops: Array<(graceMs: number) => Promise<unknown>> = [];
  exitOnSignals(log, env.SHUTDOWN_GRACE_MS, async () => {
    const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
    for (const stop of stops.reverse()) {
      await stop(Math.max(0, deadline - Date.now())).catch((err: unknown) => log.warn({ err }, 'stop failed'));
    }
  });

  const keys = await accessKeys();
  let databaseUrl = env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!databaseUrl) {
    embedded = await onPort('EMBEDDED_DB_PORT', env.EMBEDDED_DB_PORT, () =>
      startEmbeddedPostgres({ dataDir: env.EMBEDDED_DATA_DIR, port: env.EMBEDDED_DB_PORT, log }),
    );
    stops.push(() => embedded!.stop());
    databaseUrl = embedded.url;
  }
  await migrate(databaseUrl, { log });
  await loadTaxonomy(databaseUrl);

  const events = createEventBus({ redisUrl: env.REDIS_URL, log });
  stops.push(() => events.close());
  const prisma = createPrismaClient(databaseUrl, { maxConnections: embedded ? 4 : 10 });
  stops.push(() => prisma.$disconnect());
  // Accounts alone signs; every service of this process shares one verifier (and its caches),
  // reading users' standing straight from the accounts tables it runs beside.
  const signer = await AccessTokenSigner.create(keys.signingKeys);
  const tokens = new AccessTokenVerifier({ keys: signer.jwks, standing: accountsStanding(prisma) });
  const unfollow = await tokens.follow(events);
  stops.push(async () => unfollow());
  const internal = new InternalVerifier(keys.serviceSecret);

  const redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (err) => log.warn({ err }, 'redis connection error'));
  stops.push(async () => redis?.quit());
  const accounts = await onPort('ACCOUNTS_PORT', env.ACCOUNTS_PORT, () =>
    startAccountsSubgraph(
      { prisma, signer, tokens, events, internal, redis, log: createLogger('accounts', env.LOG_LEVEL), adminEmail: env.BODEGA_ADMIN_EMAIL },
      env.ACCOUNTS_PORT,
    ),
  );
  stops.push((graceMs) => accounts.close({ graceMs }));

  // Without REDIS_URL, answers are cached in memory (an LRU), like the embedded default's other state.
  const productsLog = createLogger('products', env.LOG_LEVEL);
  const ai = createAi(env, { taxonomy: categoriesFrom(prisma), log: productsLog, redis });
  ai.enricher.taxonomy().catch((err: unknown) => log.warn({ err }, 'taxonomy not loaded yet; the first enrichment will retry'));
  const products = await onPort('PRODUCTS_PORT', env.PRODUCTS_PORT, () =>
    startProductsSubgraph({ prisma, events, log: productsLog, tokens, internal, enricher: ai.enricher }, env.PRODUCTS_PORT, undefined, { alerts }),
  );
  stops.push((graceMs) => products.close({ graceMs }));

  const ordersLog = createLogger('orders', env.LOG_LEVEL);
  const stock = createStockClient({ url: products.url, signer: new InternalSigner(keys.serviceSecret, 'orders'), log: ordersLog });
  const orders = await onPort('ORDERS_PORT', env.ORDERS_PORT, () =>
    startOrdersSubgraph({ prisma, events, log: ordersLog, tokens, internal, stock, shopCurrency: env.SHOP_CURRENCY }, env.ORDERS_PORT),
  );
  stops.push((graceMs) => orders.close({ graceMs }));

  const gateway = await onPort('PORT', env.PORT, () =>
    startGateway({
    port: env.PORT,
    tokens,
    signer: new InternalSigner(keys.serviceSecret, GATEWAY_CALLER),
    log: createLogger('gateway', env.LOG_LEVEL),
    production: env.NODE_ENV === 'production',
    supergraphSdl: composeSupergraph(SUBGRAPHS),
    subgraphUrls: { accounts: accounts.url, products: products.url, orders: orders.url },
    databaseUrl,
    redisUrl: env.REDIS_URL,
      subscriptionLimits: subscriptionCapsFrom(env),
    }),
  );
  stops.push((graceMs) => gateway.close({ graceMs }));

  const mode = describeMode({ embeddedDataDir: embedded ? env.EMBEDDED_DATA_DIR : undefined, redis: events.kind === 'redis' });
  log.info(
    {
      web: gateway.webAppUrl ?? 'not built (npm run build:web)',
      graphql: gateway.url,
      database: mode.database,
      events: mode.events,
      ai:
        ai.summary.provider === 'openai'
          ? `OpenAI-compatible (${ai.summary.model}), answers cached in ${ai.summary.cache === 'redis' ? 'Redis' : 'memory'}`
          : 'local provider (no OPENAI_API_KEY)',
    },
    `Bodega is up ${mode.summary}: ${gateway.webAppUrl ? `the web app at ${gateway.webAppUrl}, ` : ''}GraphQL at ${gateway.url}`,
  );
}

/**
 * accounts' signing keys and the services' shared secret: as configured, else (outside production)
 * made once under .bodega/ so that a fresh checkout starts with no configuration.
 */
async function accessKeys() {
  const configuredKeys = secretFrom(env.ACCOUNTS_SIGNING_KEYS, env.ACCOUNTS_SIGNING_KEYS_FILE, 'ACCOUNTS_SIGNING_KEYS');
  const configuredSecret = secretFrom(env.SERVICE_SECRET, env.SERVICE_SECRET_FILE, 'SERVICE_SECRET');
  if (env.NODE_ENV === 'production') {
    if (!configuredKeys) throw new ConfigError('ACCOUNTS_SIGNING_KEYS is not set: production needs accounts\' own Ed25519 key(s) (npm run keys prints one).');
    requireServiceSecret(env);
  }
  const dev = configuredKeys && configuredSecret ? undefined : await devKeys(join(env.EMBEDDED_DATA_DIR, '..'));
  return {
    signingKeys: configuredKeys ? await parseSigningKeys(configuredKeys, 'ACCOUNTS_SIGNING_KEYS') : dev!.signingKeys,
    serviceSecret: configuredSecret ?? dev!.serviceSecret,
  };
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) log.fatal({ port: error.port, variable: error.variable }, error.message);
  else log.fatal({ err: error }, 'Bodega failed to start');
  process.exit(1);
});
