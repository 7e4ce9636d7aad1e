import { adminBearer, TEST_SERVICE_SECRET, TEST_SIGNING_KEY, withTestUsers } from './auth';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { AiProvider, Enricher } from '@bodega/ai';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { countingBus, type CountingBus } from './counting-bus';
import { startBodega } from '@bodega/composition';
import type { RunningGateway } from '@bodega/gateway';
import type { Logger } from '@bodega/logger';
import type { LoginLimits, SignUpLimits } from '@bodega/accounts';
import type { AlertDeliveryConfig } from '@bodega/products';
import type { RagSettings } from '@bodega/rag';
import type { OrderRecoveryOptions, RunningOrders } from '@bodega/orders';
import { InternalSigner, type AccessTokenVerifier, type SigningJwk, type StandingCacheOptions } from '@bodega/auth';
import { ragAnswerSource } from '@bodega/chat';
import type { RunningServer } from '@bodega/server-kit';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { createTestDatabase, type TestDatabase } from './databases';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A logger whose lines tests can read back. */
export function memoryLogger(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: 'info', redact: ['password', '*.password'] }, stream);
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line)) };
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
}

export interface Stack {
  db: TestDatabase;
  /** The verifier the gateway, products and orders share. */
  tokens: AccessTokenVerifier;
  prisma: PrismaClient;
  /** Counts its subscriptions (see untilListening). */
  events: CountingBus;
  products: RunningServer;
  /** Replaced by `restartAccounts`. */
  accounts: RunningServer;
  /**
   * Restarts the accounts subgraph on the same port with these signing keys (the first signs),
   * as an operator rotates keys; the gateway and the other subgraphs keep running.
   */
  restartAccounts(keys: SigningJwk[]): Promise<void>;
  orders: RunningOrders;
  rag: RunningServer;
  chat: RunningServer;
  gateway: RunningGateway;
  logLines: () => Array<Record<string, unknown>>;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface StackOptions {
  production?: boolean;
  /** Events over the real Redis instead of the in-process bus. */
  redis?: boolean;
  /** Log-in rate limits (in memory); default: the accounts subgraph's. */
  loginLimits?: Partial<LoginLimits>;
  /** Sign-up rate limits; default: 1,000 per address, as every test signs up from 127.0.0.1 into one Redis. */
  signUpLimits?: Partial<SignUpLimits>;
  /** How the gateway's and subgraphs' verifier keeps users' standing; default: the verifier's (refresh every 30 s, gathered for 1 s). */
  standingCache?: StandingCacheOptions;
  /** How often that verifier may fetch accounts' JWKS; default: the verifier's (5 minutes, 5 s after an unknown key). */
  jwks?: { maxAgeMs?: number; cooldownMs?: number };
  /** Timing of the orders subgraph's recovery; default: a pass every 60 s (tests call runOnce). */
  orderRecovery?: OrderRecoveryOptions;
  /** Low-stock alert delivery (a webhook receiver's URL and secret); default: none, alerts stay PENDING. */
  alerts?: AlertDeliveryConfig;
  /** The products subgraph's enricher; default: its own (the local provider, as with no OPENAI_API_KEY). */
  enricher?: (prisma: PrismaClient, log: Logger) => Enricher;
  /** The rag subgraph's embeddings and answers; default: the local provider. */
  ragAi?: AiProvider;
  /** The rag subgraph's tunables; default: its own, with the ingest worker polling every 50 ms. */
  rag?: Partial<RagSettings>;
  /** Where the chat assistant asks its questions (another rag's GraphQL URL, a stand-in's); default: the rag running here. */
  ragUrl?: string;
}

/**
 * Its own database and every service on free ports, started by the composition root as a user runs
 * them: accounts signs, the gateway and the other subgraphs hold only its public keys (its JWKS
 * URL) and ask it about users, as in docker-compose.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const { log, lines } = memoryLogger();
  const prisma = createPrismaClient(db.url, { maxConnections: 5 });
  const events = countingBus(createEventBus({ redisUrl: options.redis ? REDIS_URL : undefined, log }));
  const keys = async (signing: SigningJwk[]) => ({ signing, serviceSecret: TEST_SERVICE_SECRET });
  const bodega = await startBodega({
    databaseUrl: db.url,
    redisUrl: options.redis ? REDIS_URL : undefined,
    logger: () => log,
    keys: await keys([TEST_SIGNING_KEY]),
    ports: { gateway: 0, accounts: 0, products: 0, orders: 0, rag: 0, chat: 0 },
    rag: { pollIntervalMs: 50, ...options.rag },
    production: options.production ?? false,
    alerts: options.alerts,
    signUpLimits: options.signUpLimits ?? { perAddress: { limit: 1000, windowMs: 15 * 60_000 } },
    overrides: {
      events,
      prisma,
      standing: withTestUsers,
      remoteAccounts: true,
      standingCache: options.standingCache,
      jwks: options.jwks,
      enricher: options.enricher,
      ragAi: options.ragAi,
      answerSource: options.ragUrl ? ragAnswerSource({ url: options.ragUrl, signer: new InternalSigner(TEST_SERVICE_SECRET, 'chat'), log }) : undefined,
      loginLimits: options.loginLimits,
      orderRecovery: options.orderRecovery ?? { intervalMs: 60_000 },
    },
  });
  return {
    db,
    tokens: bodega.tokens,
    prisma,
    events,
    products: bodega.products!,
    get accounts() {
      return bodega.accounts!;
    },
    restartAccounts: async (signing) => bodega.restartAccounts(await keys(signing)),
    orders: bodega.orders!,
    rag: bodega.rag!,
    chat: bodega.chat!,
    gateway: bodega.gateway!,
    logLines: lines,
    request: (query, variables, headers) => postGraphQL(bodega.gateway!.url, query, variables, headers),
    close: async () => {
      await bodega.close({ graceMs: 1_000 });
      await Promise.all([prisma.$disconnect(), events.close()]);
      await db.drop();
    },
  };
}

/**
 * POSTs an operation as an ADMIN unless `headers` carry their own `authorization`
 * (an empty one sends the request anonymously).
 */
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const { authorization = await adminBearer(), ...rest } = headers;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...rest },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

const contract = parse(readFileSync(join(__dirname, '..', '..', 'contract', 'operations.graphql'), 'utf8'));

/** The text of one operation of the public contract, by name, exactly as third parties send it. */
export function contractOperation(name: string): string {
  const operation = contract.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!operation) throw new Error(`The contract has no operation ${name}.`);
  return print(operation);
}
