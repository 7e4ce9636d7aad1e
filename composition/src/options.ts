import type { AiEnv, AiProvider, Enricher } from '@bodega/ai';
import type { LoginLimits, SignUpLimits } from '@bodega/accounts';
import type { SigningJwk, StandingCacheOptions, StandingSource } from '@bodega/auth';
import type { JSONWebKeySet } from 'jose';
import type { ServiceName, SubgraphName } from '@bodega/config';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { SubscriptionLimits } from '@bodega/gateway';
import type { Logger } from '@bodega/logger';
import type { OrderRecoveryOptions } from '@bodega/orders';
import type { AnswerSource } from '@bodega/chat';
import type { AlertDeliveryConfig } from '@bodega/products';
import type { RagSettings } from '@bodega/rag';

export interface AccessKeys {
  /** accounts' Ed25519 private keys, the first signing; required where accounts runs. */
  signing?: readonly SigningJwk[];
  /** accounts' public keys, for processes without accounts. Default: fetched from `jwksUrl`. */
  publicJwks?: JSONWebKeySet;
  /** Default: /.well-known/jwks.json beside accounts' GraphQL URL. */
  jwksUrl?: string;
  /** Shared by every service of one deployment: signs the gateway's forwarding and service calls. */
  serviceSecret: string;
}

/** Everything a Bodega process needs to start any set of its services. */
export interface BodegaOptions {
  /** Which services run in this process. Default: every one (`npm start`). */
  services?: readonly ServiceName[];
  /** Postgres; required wherever a subgraph runs (the gateway alone uses it only for /ready). */
  databaseUrl?: string;
  /** Events, rate limits and the AI cache in Redis when given; an in-process bus and memory otherwise. */
  redisUrl?: string;
  /** The logger of each service (one per name). */
  logger: (service: string) => Logger;
  keys: AccessKeys;
  /** Per service; 0 is a free port. Default: each service's port in @bodega/config. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Default: 127.0.0.1. */
  host?: string;
  /**
   * Where the subgraphs that do not run here are. Default: each one's local URL. A name outside
   * the catalogue is passed to the gateway as is (a test's stand-in subgraph in its supergraph).
   */
  urls?: Partial<Record<SubgraphName, string>> & Record<string, string | undefined>;
  production?: boolean;
  /** ISO 4217. Default: EUR. */
  shopCurrency?: string;
  /** Becomes ADMIN at sign-up, as the very first account does. */
  adminEmail?: string;
  /** The AI variables (`aiEnv`); default: the local provider. */
  ai?: Partial<AiEnv>;
  /** The rag subgraph's tunables (RAG_* variables; a fast-polling ingest worker in tests). */
  rag?: Partial<RagSettings>;
  /** Low-stock alert delivery; omitted: no worker (alerts stay PENDING). */
  alerts?: AlertDeliveryConfig;
  /** Default: the gateway's caps and backpressure limits. */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** The gateway's supergraph. Default: gateway/supergraph.graphql as committed. */
  supergraphSdl?: string;
  /** The web app the gateway serves at `/`. Default: web/dist when built. */
  webAppDir?: string | false;
  /** Postgres connections of this process's pool. Default: 10. */
  maxConnections?: number;
  /** Sign-ups one client address may make per window (SIGN_UP_LIMIT_PER_ADDRESS). Default: 10 per 15 minutes. */
  signUpLimits?: Partial<SignUpLimits>;
  /** Seams for tests and benches; a deployment sets none. */
  overrides?: Overrides;
}

export interface Overrides {
  /** A bus of the caller's (tests count its subscriptions) instead of one made here; it stays open on close(). */
  events?: EventBus;
  /** A Prisma client of the caller's; it stays open on close(). */
  prisma?: PrismaClient;
  /** Wraps where verifiers learn users' standing (tests add made-up users). */
  standing?: (source: StandingSource) => StandingSource;
  standingCache?: StandingCacheOptions;
  jwks?: { maxAgeMs?: number; cooldownMs?: number };
  /**
   * The other services verify tokens with accounts' JWKS and ask it about users over HTTP even when
   * accounts runs in this process, as in docker-compose (tests rotating keys). Default: false.
   */
  remoteAccounts?: boolean;
  enricher?: (prisma: PrismaClient, log: Logger) => Enricher;
  loginLimits?: Partial<LoginLimits>;
  /** Default: a pass every 5 s. */
  orderRecovery?: OrderRecoveryOptions;
  /** The rag subgraph's embeddings and answers (a fake OpenAI-compatible server's). Default: from `ai`. */
  ragAi?: AiProvider;

  /** Where the chat assistant's answers come from. Default: the rag subgraph at `urls.rag` over signed HTTP. */
  answerSource?: AnswerSource;
}
