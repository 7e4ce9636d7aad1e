/** Which kind of model answers: a hosted or self-hosted OpenAI-compatible server, or the built-in one. */
export type ProviderName = 'openai' | 'local';

/** A request for one answer that follows a JSON Schema (structured output). */
export interface StructuredRequest {
  /** Names the task, e.g. "product-enrichment"; the local provider answers only the tasks it knows. */
  task: string;
  /** Instructions for a language model. */
  system: string;
  /** The request in prose, for a language model. */
  prompt: string;
  /** The same request as data, for providers that do not read prose (the local one). */
  input: unknown;
  /** The JSON Schema the answer must follow; `name` is what OpenAI calls the response format. */
  schema: { name: string; jsonSchema: Record<string, unknown> };
}

/** Text generation with structured output, and embeddings: all Bodega asks of a model. */
export interface AiProvider {
  readonly name: ProviderName;
  /** The model that answers `generate`, part of every cache key. */
  readonly model: string;
  readonly embeddingModel: string;
  /**
   * One answer, parsed from JSON but not yet checked against the task's rules (that is the
   * caller's job: a model may answer valid JSON that is still wrong). Throws AiError.
   */
  generate(request: StructuredRequest): Promise<unknown>;
  /** One unit-length vector per text, in the order given. Throws AiError. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Why a provider call failed. Only the transient kinds are retried. */
export type AiErrorKind =
  /** No answer within the timeout. */
  | 'timeout'
  /** 429: the server asked us to slow down. */
  | 'rate_limited'
  /** 5xx, or the server could not be reached. */
  | 'unavailable'
  /** The circuit breaker is open: recent calls kept failing, so this one was not made. */
  | 'circuit_open'
  /** The server refused the request (4xx other than 408 and 429): a retry would be refused too. */
  | 'rejected'
  /** The answer was not JSON, or was cut short. */
  | 'malformed'
  /** The provider cannot do this task (the local provider asked for a task it does not know). */
  | 'unsupported';

const TRANSIENT: ReadonlySet<AiErrorKind> = new Set(['timeout', 'rate_limited', 'unavailable']);

export class AiError extends Error {
  override name = 'AiError';
  /** For `rate_limited`: how long the server asked us to wait (retry-after), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: AiErrorKind,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Timeouts, 429 and 5xx: worth another try after a pause. */
  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}

export function isAiError(error: unknown): error is AiError {
  return error instanceof AiError;
}
