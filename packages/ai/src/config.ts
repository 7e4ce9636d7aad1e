import { ConfigError, z } from '@bodega/config';
import type { Logger } from '@bodega/logger';
import { Redis } from 'ioredis';
import { MemoryAnswerCache, RedisAnswerCache, type AnswerCache } from './cache';
import { Enricher } from './enrichment/enricher';
import { createLocalProvider } from './local';
import { OpenAiProvider } from './openai/provider';
import type { AiProvider } from './provider';
import type { TaxonomyNode } from './taxonomy';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalUrl = optionalText.pipe(z.string().url().optional());
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The AI variables, for `readEnv({ ...commonEnv, ...aiEnv })` in every process that enriches products. */
export const aiEnv = {
  /** openai | local. Default: openai when OPENAI_API_KEY is set, else local. */
  AI_PROVIDER: z.enum(['openai', 'local']).optional(),
  /** Any non-empty value for servers that take no key (Ollama, vLLM, llama.cpp). */
  OPENAI_API_KEY: optionalText,
  /** An OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama. Default: OpenAI's. */
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  /** Per attempt. */
  AI_TIMEOUT_MS: int(30_000, 100, 600_000),
  /** Retries of timeouts, 429 and 5xx, after the first try. */
  AI_MAX_RETRIES: int(2, 0, 10),
  /** none: a failed enrichment saves the product with status FAILED; local: the local provider writes it instead. */
  AI_FALLBACK: z.enum(['none', 'local']).default('none'),
  /** Consecutive failures that open the circuit breaker. */
  AI_BREAKER_FAILURES: int(5, 1, 1000),
  /** How long the open breaker refuses calls before one trial call. */
  AI_BREAKER_OPEN_MS: int(60_000, 100, 3_600_000),
  AI_CACHE_TTL_SECONDS: int(7 * 24 * 60 * 60, 1, 365 * 24 * 60 * 60),
  /** Entries of the in-memory cache used without REDIS_URL. */
  AI_CACHE_MAX_ENTRIES: int(1000, 1, 1_000_000),
};

export type AiEnv = z.infer<z.ZodObject<typeof aiEnv>>;

export interface AiDeps {
  /** The categories to choose from, with their real ids (products.categories). */
  taxonomy: () => Promise<readonly TaxonomyNode[]>;
  log: Logger;
  /** A Redis connection to share for the cache; it stays open on close(). */
  redis?: Redis;
  /** Without `redis`: a connection string for a cache connection of its own. Neither: an in-memory LRU. */
  redisUrl?: string;
}

export interface AiSetup {
  enricher: Enricher;
  provider: AiProvider;
  cache: AnswerCache;
  /** For the start-up log line: what runs, never the key. */
  summary: { provider: AiProvider['name']; model: string; baseURL?: string; cache: AnswerCache['kind']; fallback: AiEnv['AI_FALLBACK'] };
  /** Closes what this setup opened. */
  close(): Promise<void>;
}

/** What readEnv cannot check one variable at a time: AI_PROVIDER=openai needs OPENAI_API_KEY. Call it at start. */
export function checkAiEnv(env: AiEnv): 'openai' | 'local' {
  const kind = env.AI_PROVIDER ?? (env.OPENAI_API_KEY ? 'openai' : 'local');
  if (kind === 'openai' && !env.OPENAI_API_KEY) {
    throw new ConfigError(
      'OPENAI_API_KEY is not set: AI_PROVIDER=openai needs it (any non-empty value for a server without keys, e.g. Ollama).',
    );
  }
  return kind;
}

/** The provider the environment asks for; AI_PROVIDER=openai without a key fails, naming OPENAI_API_KEY. */
export function createAiProvider(env: AiEnv, log?: Logger): AiProvider {
  if (checkAiEnv(env) === 'local' || !env.OPENAI_API_KEY) return createLocalProvider();
  return new OpenAiProvider({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    embeddingModel: env.OPENAI_EMBEDDING_MODEL,
    timeoutMs: env.AI_TIMEOUT_MS,
    retry: { retries: env.AI_MAX_RETRIES },
    breaker: { failureThreshold: env.AI_BREAKER_FAILURES, openMs: env.AI_BREAKER_OPEN_MS },
    log,
  });
}

/** Provider, cache and enricher as the environment configures them. */
export function createAi(env: AiEnv, deps: AiDeps): AiSetup {
  const log = deps.log.child({ component: 'ai' });
  const provider = createAiProvider(env, log);
  let owned: Redis | undefined;
  let cache: AnswerCache;
  if (deps.redis) {
    cache = new RedisAnswerCache(deps.redis);
  } else if (deps.redisUrl) {
    owned = new Redis(deps.redisUrl, { maxRetriesPerRequest: 1 });
    owned.on('error', (err) => log.warn({ err }, 'AI cache Redis connection error'));
    cache = new RedisAnswerCache(owned);
  } else {
    cache = new MemoryAnswerCache({ maxEntries: env.AI_CACHE_MAX_ENTRIES });
  }
  const fallback = env.AI_FALLBACK === 'local' && provider.name !== 'local' ? createLocalProvider() : undefined;
  const enricher = new Enricher({ provider, fallback, cache, cacheTtlSeconds: env.AI_CACHE_TTL_SECONDS, taxonomy: deps.taxonomy, log });
  return {
    enricher,
    provider,
    cache,
    summary: {
      provider: provider.name,
      model: provider.model,
      ...(provider.name === 'openai' && env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      cache: cache.kind,
      fallback: env.AI_FALLBACK,
    },
    close: async () => {
      await owned?.quit().catch(() => owned?.disconnect());
    },
  };
}
