export { AiError, isAiError, type AiErrorKind, type AiProvider, type ProviderName, type StructuredRequest } from './provider';
export { OpenAiProvider, type OpenAiProviderOptions } from './openai/provider';
export {
  createLocalProvider,
  LocalProvider,
  localEmbedding,
  lexicalEmbedding,
  analyseText,
  conceptWords,
  stemWord,
  lexicalWords,
  cosineSimilarity,
  LOCAL_EMBEDDING_DIMENSIONS,
  type LexicalAnalysis,
  type LexicalTerm,
  type ConceptMention,
} from './local';
export { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from './resilience/breaker';
export { withRetry, retryAfterMs, DEFAULT_RETRY, type RetryPolicy, type RetryHooks } from './resilience/retry';
export { MemoryAnswerCache, RedisAnswerCache, type AnswerCache } from './cache';
export {
  Enricher,
  type EnricherOptions,
  type EnrichmentOutcome,
  type EnrichmentRequest,
  type EnrichmentSource,
  type EnrichmentStatus,
} from './enrichment/enricher';
export { ENRICHMENT_TASK, PROMPT_VERSION, enrichmentRequest, checkAnswer, answerLocally, type EnrichmentInput } from './enrichment/task';
export { TaxonomyIndex, type TaxonomyNode, type CategoryCandidate, type ProductText } from './taxonomy';
export { Categoriser, type Ranking, type RankingFeatures } from './taxonomy/categoriser';
export { confidenceModel, type ConfidenceModel } from './taxonomy/confidence';
export { assess, type Assessment, type CategorySuggestion } from './enrichment/assessment';
export { aiEnv, checkAiEnv, createAi, createAiProvider, type AiEnv, type AiDeps, type AiSetup } from './config';
