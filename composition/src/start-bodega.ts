import { aiEnv, createAi, createAiProvider, type AiSetup } from '@bodega/ai';
import { accountsStanding, startAccountsSubgraph } from '@bodega/accounts';
import {
  AccessTokenSigner,
  AccessTokenVerifier,
  accountsRoute,
  GATEWAY_CALLER,
  InternalSigner,
  InternalVerifier,
  JWKS_PATH,
  remoteStanding,
  STANDING_PATH,
  type StandingSource,
} from '@bodega/auth';
import { ConfigError, defaultUrl, SERVICES, SUBGRAPH_NAMES, z, type ServiceName, type SubgraphName } from '@bodega/config';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { startGateway, type RunningGateway } from '@bodega/gateway';
import type { Logger } from '@bodega/logger';
import { createStockClient, startOrdersSubgraph, type RunningOrders } from '@bodega/orders';
import { memoryTypingStore, ragAnswerSource, redisTypingStore, startChatSubgraph } from '@bodega/chat';
import { categoriesFrom, startProductsSubgraph } from '@bodega/products';
import { startRagRuntime, startRagSubgraph } from '@bodega/rag';
import type { RunningServer } from '@bodega/server-kit';
import { Redis } from 'ioredis';
import type { BodegaOptions } from './options';

export const ALL_SERVICES: readonly ServiceName[] = Object.keys(SERVICES) as ServiceName[];

export interface RunningBodega {
  /** The services started, by name; the others run elsewhere (or not at all). */
  accounts?: RunningServer;
  products?: RunningServer;
  orders?: RunningOrders;
  rag?: RunningServer;
  chat?: RunningServer;
  gateway?: RunningGateway;
  /** Each subgraph's GraphQL URL: where it runs here, else where `urls` said. */
  urls: Record<SubgraphName, string>;
  /** Undefined where only the gateway runs. */
  prisma?: PrismaClient;
  events: EventBus;
  /** The verifier the services other than accounts share. */
  tokens: AccessTokenVerifier;
  ai?: AiSetup;
  /** Restarts accounts on its port with these options' keys (an operator rotating keys). */
  restartAccounts(keys: BodegaOptions['keys']): Promise<void>;
  /**
   * Stops everything it started, last first: the gateway drains while the subgraphs its requests
   * in flight need still serve, then each subgraph, then what they shared; all within `graceMs`.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The composition root: starts any set of Bodega's services in this process from one options
 * object (`npm start` all of them, docker-compose one each, tests and benches what they need).
 * On a failure half-way, what already started is stopped again before the error is thrown.
 */
export async function startBodega(options: BodegaOptions): Promise<RunningBodega> {
  const wanted = new Set(options.services ?? ALL_SERVICES);
  const stops: Array<(graceMs: number) => Promise<unknown>> = [];
  const log = options.logger('bodega');
  const close = async ({ graceMs = 10_000 } = {}) => {
    const deadline = Date.now() + graceMs;
    for (const stop of stops.splice(0).reverse()) {
      await stop(Math.max(0, deadline - Date.now())).catch((err: unknown) => log.warn({ err }, 'stop failed'));
    }
  };
  try {
    return await start(options, wanted, stops, close);
  } catch (error) {
    await close({ graceMs: 0 });
    throw error;
  }
}

async function start(
  options: BodegaOptions,
  wanted: Set<ServiceName>,
  stops: Array<(graceMs: number) => Promise<unknown>>,
  close: RunningBodega['close'],
): Promise<RunningBodega> {
  const overrides = options.overrides ?? {};
  const log = options.logger('bodega');
  const host = options.host ?? '127.0.0.1';
  const portOf = (name: ServiceName) => options.ports?.[name] ?? SERVICES[name].port;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.urls?.[name] ?? defaultUrl(name)])) as Record<SubgraphName, string>;
  const secret = options.keys.serviceSecret;
  if (secret.length < 32) throw new ConfigError('SERVICE_SECRET must be at least 32 characters.');

  const events = overrides.events ?? createEventBus({ redisUrl: options.redisUrl, log: options.logger('events') });
  if (!overrides.events) stops.push(() => events.close());
  const subgraphsHere = SUBGRAPH_NAMES.filter((name) => wanted.has(name));
  if (subgraphsHere.length > 0 && !options.databaseUrl && !overrides.prisma) {
    throw new ConfigError(`DATABASE_URL is not set: ${subgraphsHere.join(', ')} keep their data in Postgres.`);
  }
  const prisma = overrides.prisma ?? (options.databaseUrl ? createPrismaClient(options.databaseUrl, { maxConnections: options.maxConnections }) : undefined);
  if (prisma && !overrides.prisma) stops.push(() => prisma.$disconnect());
  const db = () => prisma!;
  const needsRedis = options.redisUrl && (wanted.has('accounts') || wanted.has('products') || wanted.has('chat'));
  const redis = needsRedis ? new Redis(options.redisUrl!, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (err) => log.warn({ err }, 'redis connection error'));
  if (redis) stops.push(() => redis.quit());
  const standing = (source: StandingSource) => overrides.standing?.(source) ?? source;
  const internal = new InternalVerifier(secret);

  // Accounts alone signs. Beside it, the other services read users' standing from its tables and
  // trust its keys directly; elsewhere (or with remoteAccounts) they fetch its JWKS and ask it.
  const verifierOf = async (keysAndStanding: ConstructorParameters<typeof AccessTokenVerifier>[0]) => {
    const verifier = new AccessTokenVerifier({
      ...keysAndStanding,
      standingCache: overrides.standingCache,
      jwksMaxAgeMs: overrides.jwks?.maxAgeMs,
      jwksCooldownMs: overrides.jwks?.cooldownMs,
    });
    const unfollow = await verifier.follow(events);
    stops.push(async () => unfollow());
    return verifier;
  };
  const startAccounts = async (keys: BodegaOptions['keys'], port: number) => {
    if (!keys.signing?.length) throw new ConfigError('ACCOUNTS_SIGNING_KEYS is not set: accounts needs its Ed25519 private key(s) to sign sessions.');
    const signer = await AccessTokenSigner.create(keys.signing);
    const tokens = await verifierOf({ keys: signer.jwks, standing: standing(accountsStanding(db())) });
    const server = await startAccountsSubgraph(
      {
        prisma: db(),
        signer,
        tokens,
        events,
        internal,
        redis,
        log: options.logger('accounts'),
        adminEmail: options.adminEmail,
        limits: overrides.loginLimits,
        signUpLimits: options.signUpLimits,
      },
      { port, host },
    );
    return { server, signer, tokens };
  };

  const result: Omit<RunningBodega, 'tokens' | 'restartAccounts' | 'close'> = { urls, prisma, events };
  let accounts: Awaited<ReturnType<typeof startAccounts>> | undefined;
  const stopAccounts = (graceMs: number) => accounts?.server.close({ graceMs }) ?? Promise.resolve();
  if (wanted.has('accounts')) {
    accounts = await startAccounts(options.keys, portOf('accounts'));
    stops.push(stopAccounts);
    result.accounts = accounts.server;
    urls.accounts = accounts.server.url;
  }

  const callerName = wanted.has('gateway') ? GATEWAY_CALLER : [...wanted][0]!;
  const tokens =
    accounts && !overrides.remoteAccounts
      ? accounts.tokens
      : await verifierOf({
          keys: options.keys.publicJwks ?? new URL(options.keys.jwksUrl ?? accountsRoute(urls.accounts, JWKS_PATH)),
          standing: standing(remoteStanding(accountsRoute(urls.accounts, STANDING_PATH), new InternalSigner(secret, callerName))),
        });

  if (wanted.has('products')) {
    const productsLog = options.logger('products');
    const ai = overrides.enricher ? undefined : createAi(z.object(aiEnv).parse(options.ai ?? {}), { taxonomy: categoriesFrom(db()), log: productsLog, redis });
    if (ai) {
      stops.push(() => ai.close());
      result.ai = ai;
      // Loads the taxonomy now rather than in the first createProduct.
      ai.enricher.taxonomy().catch((err: unknown) => productsLog.warn({ err }, 'taxonomy not loaded yet; the first enrichment will retry'));
    }
    const enricher = overrides.enricher?.(db(), productsLog) ?? ai!.enricher;
    const products = await startProductsSubgraph(
      { prisma: db(), events, log: productsLog, tokens, internal, enricher },
      { port: portOf('products'), host, alerts: options.alerts },
    );
    stops.push((graceMs) => products.close({ graceMs }));
    result.products = products;
    urls.products = products.url;
  }

  if (wanted.has('orders')) {
    const ordersLog = options.logger('orders');
    const stock = createStockClient({ url: urls.products, signer: new InternalSigner(secret, 'orders'), log: ordersLog });
    const orders = await startOrdersSubgraph(
      { prisma: db(), events, log: ordersLog, tokens, internal, stock, shopCurrency: options.shopCurrency ?? 'EUR' },
      { port: portOf('orders'), host, recovery: overrides.orderRecovery },
    );
    stops.push((graceMs) => orders.close({ graceMs }));
    result.orders = orders;
    urls.orders = orders.url;
  }

  if (wanted.has('rag')) {
    const ragLog = options.logger('rag');
    const ai = overrides.ragAi ?? createAiProvider(z.object(aiEnv).parse(options.ai ?? {}), ragLog.child({ component: 'ai' }));
    // The vector index is built from Postgres before the server answers; the worker resumes leased jobs.
    const runtime = await startRagRuntime({ prisma: db(), events, log: ragLog, ai, settings: options.rag });
    stops.push(() => runtime.close());
    const rag = await startRagSubgraph({ ...runtime.deps, tokens, internal }, { port: portOf('rag'), host });
    stops.push((graceMs) => rag.close({ graceMs }));
    result.rag = rag;
    urls.rag = rag.url;
  }

  if (wanted.has('chat')) {
    const chatLog = options.logger('chat');
    const answers =
      overrides.answerSource ??
      // rag's own URL when it runs here, else where `urls` (RAG_URL) says.
      ragAnswerSource({ url: urls.rag, signer: new InternalSigner(secret, 'chat'), log: chatLog });
    const chat = await startChatSubgraph(
      { prisma: db(), events, log: chatLog, tokens, internal, answers, typing: redis ? redisTypingStore(redis) : memoryTypingStore() },
      { port: portOf('chat'), host },
    );
    stops.push((graceMs) => chat.close({ graceMs }));
    result.chat = chat;
    urls.chat = chat.url;
  }

  if (wanted.has('gateway')) {
    const gateway = await startGateway(
      { log: options.logger('gateway'), tokens, signer: new InternalSigner(secret, GATEWAY_CALLER) },
      {
        port: portOf('gateway'),
        host,
        production: options.production ?? false,
        supergraphSdl: options.supergraphSdl,
        subgraphUrls: { ...definedUrls(options.urls), ...urls },
        databaseUrl: options.databaseUrl,
        redisUrl: options.redisUrl,
        subscriptionLimits: options.subscriptionLimits,
        webAppDir: options.webAppDir,
      },
    );
    stops.push((graceMs) => gateway.close({ graceMs }));
    result.gateway = gateway;
  }

  return {
    ...result,
    tokens,
    restartAccounts: async (keys) => {
      if (!accounts) throw new Error('accounts does not run in this process');
      const { port } = accounts.server;
      await accounts.server.close({ graceMs: 0 });
      accounts = await startAccounts(keys, port);
      result.accounts = accounts.server;
    },
    close,
    get accounts() {
      return accounts?.server;
    },
  } as RunningBodega;
}

/** rag's URL where it runs here or `urls` names it, else RAG_URL. */
function definedUrls(urls: Record<string, string | undefined> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(urls).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
