import type { Logger } from '@bodega/logger';
import OpenAI from 'openai';
import { AiError, type AiProvider, type StructuredRequest } from '../provider';
import { CircuitBreaker, type BreakerOptions } from '../resilience/breaker';
import { DEFAULT_RETRY, retryAfterMs, withRetry, type RetryHooks, type RetryPolicy } from '../resilience/retry';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Any OpenAI-compatible server: OpenAI, Azure, Ollama, vLLM, llama.cpp. Default: OpenAI's. */
  baseURL?: string;
  /** Chat model for structured answers, e.g. gpt-4o-mini. */
  model: string;
  /** Embedding model, e.g. text-embedding-3-small. */
  embeddingModel: string;
  /** Per attempt: a call with retries can take longer. Default: 30,000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  log?: Logger;
  /** For tests: how the retry pauses. */
  retryHooks?: Pick<RetryHooks, 'sleep' | 'random'>;
}

/**
 * OpenAI through the official SDK, with the SDK's own retries off: timeouts, 429 (honouring
 * retry-after) and 5xx are retried here, with backoff, inside one circuit breaker per provider, so
 * each attempt counts toward opening it and an open circuit stops the retries too.
 */
export class OpenAiProvider implements AiProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  readonly embeddingModel: string;
  readonly breaker: CircuitBreaker;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly service: string;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.model = options.model;
    this.embeddingModel = options.embeddingModel;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.service = `OpenAI (${new URL(options.baseURL ?? 'https://api.openai.com/v1').host})`;
    this.breaker = new CircuitBreaker({ service: this.service, ...options.breaker });
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: 0,
      // Our own timer aborts first (see attempt()); the SDK's is only a backstop.
      timeout: this.timeoutMs + 5_000,
    });
  }

  async generate(request: StructuredRequest): Promise<unknown> {
    const completion = await this.call('chat completion', (signal) =>
      this.client.chat.completions.create(
        {
          // No temperature: reasoning models refuse any but the default.
          model: this.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.prompt },
          ],
          response_format: {
            type: 'json_schema',
            json_schema: { name: request.schema.name, strict: true, schema: request.schema.jsonSchema },
          },
        },
        { signal },
      ),
    );
    const choice = completion.choices?.[0];
    const message = choice?.message;
    if (message?.refusal) throw new AiError('malformed', `The model refused: ${message.refusal}`);
    if (choice?.finish_reason === 'length') throw new AiError('malformed', 'The model’s answer was cut short (token limit).');
    const content = message?.content;
    if (typeof content !== 'string' || content.trim() === '') throw new AiError('malformed', 'The model’s answer was empty.');
    try {
      return JSON.parse(content) as unknown;
    } catch {
      throw new AiError('malformed', `The model’s answer was not JSON: ${excerpt(content)}`);
    }
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const response = await this.call('embeddings', (signal) =>
      this.client.embeddings.create({ model: this.embeddingModel, input: [...texts], encoding_format: 'float' }, { signal }),
    );
    const vectors = [...(response.data ?? [])].sort((a, b) => a.index - b.index).map((item) => item.embedding);
    if (vectors.length !== texts.length || vectors.some((vector) => !Array.isArray(vector))) {
      throw new AiError('malformed', `Asked for ${texts.length} embeddings, got ${vectors.length}.`);
    }
    return vectors;
  }

  private call<T>(what: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withRetry(
      () => this.breaker.run(() => this.attempt(request)),
      this.retry,
      {
        ...this.options.retryHooks,
        onRetry: ({ attempt, delayMs, error }) =>
          this.options.log?.warn({ what, attempt, delayMs, kind: error.kind, reason: error.message }, 'AI call failed; retrying'),
      },
    );
  }

  /**
   * One request under our own timer: the SDK tells a timeout from other connection failures by
   * the abort error's name, which not every runtime sets (jest's does not), so we keep count.
   */
  private async attempt<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      return await request(controller.signal);
    } catch (error) {
      throw timedOut ? this.timeout(error) : this.toAiError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeout(cause: unknown): AiError {
    return new AiError('timeout', `${this.service} did not answer within ${this.timeoutMs / 1000} s.`, { cause });
  }

  private toAiError(error: unknown): unknown {
    if (error instanceof OpenAI.APIConnectionTimeoutError) return this.timeout(error);
    if (error instanceof OpenAI.APIUserAbortError) return error;
    if (error instanceof OpenAI.APIConnectionError) {
      return new AiError('unavailable', `${this.service} could not be reached.`, { cause: error });
    }
    if (error instanceof OpenAI.APIError) {
      const status = error.status ?? 0;
      const detail = excerpt(error.message);
      if (status === 429) {
        return new AiError('rate_limited', `${this.service} is rate limiting us (429): ${detail}`, {
          cause: error,
          retryAfterMs: retryAfterMs(error.headers),
        });
      }
      if (status === 408) return new AiError('timeout', `${this.service} timed out (408).`, { cause: error });
      if (status >= 500) return new AiError('unavailable', `${this.service} failed (${status}): ${detail}`, { cause: error });
      return new AiError('rejected', `${this.service} refused the request (${status}): ${detail}`, { cause: error });
    }
    return error;
  }
}

function excerpt(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
