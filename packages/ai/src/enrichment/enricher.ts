import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '@bodega/logger';
import type { AnswerCache } from '../cache';
import { isAiError, type AiProvider, type ProviderName } from '../provider';
import { TaxonomyIndex, type TaxonomyNode } from '../taxonomy';
import { tuningExamples } from '../taxonomy/bank';
import { Categoriser, type Ranking } from '../taxonomy/categoriser';
import type { LabelledExample } from '../taxonomy/examples';
import { assess, type Assessment, type AssessmentOptions, type CategorySuggestion } from './assessment';
import { checkAnswer, enrichmentRequest, PROMPT_VERSION, type EnrichmentAnswer, type EnrichmentInput, type Wanted } from './task';

export type EnrichmentStatus = 'COMPLETE' | 'PARTIAL' | 'FAILED' | 'SKIPPED';
export type EnrichmentSource = 'OPENAI' | 'LOCAL' | 'MANUAL';

/** A product as the manager entered it. */
export interface EnrichmentRequest {
  name: string;
  keywords: readonly string[];
  /** The manager's; when given it is kept and not generated. */
  description?: string | null;
  /** The manager's (a taxonomy id); when given it is kept and not generated. */
  categoryId?: number | null;
}

export interface EnrichmentOutcome {
  /**
   * COMPLETE: every missing field was generated. PARTIAL: some were; `error` says why the rest was
   * rejected. FAILED: none were (the provider failed, the circuit is open, or its answer was
   * unusable); `error` says why. SKIPPED: the manager gave both fields, nothing was asked.
   */
  status: EnrichmentStatus;
  /** Who wrote the generated fields: OPENAI, LOCAL, or MANUAL when nothing was generated. */
  source: EnrichmentSource;
  /** Generated, or null (not wanted or not valid). */
  description: string | null;
  /** Generated (a taxonomy id offered to the model), or null. */
  categoryId: number | null;
  /**
   * For a generated category: the probability (0..1) that it is right, calibrated on the labelled
   * tuning sets. Null when no category was generated (the manager gave one, or none fitted).
   */
  confidence: number | null;
  /** When a category was asked for: the three likeliest, best first, with probabilities; else []. */
  suggestions: CategorySuggestion[];
  /** A category was asked for and none was generated, or it is less likely than the review threshold. */
  needsReview: boolean;
  /** Which fields this outcome generated (the others were the manager's, or were rejected). */
  generated: { description: boolean; category: boolean };
  /** A sentence a manager can act on, or null. Also set when the fallback wrote the fields. */
  error: string | null;
  /** True when the answer came from the cache and no model was called. */
  cached: boolean;
  /** Wall time of the whole enrichment, and of the provider call alone (0 on a cache hit). */
  timings: { totalMs: number; providerMs: number };
}

export interface EnricherOptions {
  provider: AiProvider;
  /**
   * Writes the fields when `provider` fails outright (FAILED), e.g. the local provider behind
   * OpenAI. The outcome then has the fallback's source and says in `error` why. Default: none.
   */
  fallback?: AiProvider;
  /** Answers kept by question; without one, every enrichment calls the provider. */
  cache?: AnswerCache;
  /** How long cached answers live. Default: 7 days. */
  cacheTtlSeconds?: number;
  /** Loads the taxonomy once, on first use (from the database: its ids are the valid ones). */
  taxonomy: () => Promise<readonly TaxonomyNode[]>;
  /** Categories offered to the model. Default: 15. */
  shortlistSize?: number;
  /** Labelled products whose categories vote for similar new ones. Default: the tuning sets in packages/ai/data. */
  examples?: readonly LabelledExample[];
  /** Review threshold and how far a language model's choice is trusted. Default: the calibrated model's. */
  assessment?: AssessmentOptions;
  log: Logger;
}

const SOURCE: Record<ProviderName, EnrichmentSource> = { openai: 'OPENAI', local: 'LOCAL' };
const DEFAULT_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * Writes the description and chooses the category of a product in one structured call: it
 * shortlists taxonomy categories from the product's words, asks the provider to write the missing
 * fields and pick among the shortlist, and keeps only what checks out. Answers are cached by
 * question (name, keywords, the manager's fields, provider, model, prompt version), and identical
 * questions in flight at once share one call. Never throws for a provider's failure: that is a
 * FAILED outcome with the reason.
 */
export class Enricher {
  private indexPromise: Promise<TaxonomyIndex> | undefined;
  private categoriserPromise: Promise<Categoriser> | undefined;
  private readonly inFlight = new Map<string, Promise<EnrichmentOutcome>>();
  private readonly ttlSeconds: number;

  constructor(private readonly options: EnricherOptions) {
    this.ttlSeconds = options.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS;
  }

  get provider(): AiProvider {
    return this.options.provider;
  }

  /** The taxonomy index, loaded once; a failed load is retried by the next call. */
  taxonomy(): Promise<TaxonomyIndex> {
    this.indexPromise ??= this.options.taxonomy().then(
      (nodes) => indexOf(nodes),
      (error: unknown) => {
        this.indexPromise = undefined;
        throw error;
      },
    );
    return this.indexPromise;
  }

  /** The categoriser over the taxonomy and the labelled examples, built once. */
  categoriser(): Promise<Categoriser> {
    this.categoriserPromise ??= this.taxonomy().then(
      (index) => new Categoriser(index, this.options.examples ?? tuningExamples()),
      (error: unknown) => {
        this.categoriserPromise = undefined;
        throw error;
      },
    );
    return this.categoriserPromise;
  }

  /**
   * Generates what `request` lacks. `fresh`: ask the provider even if the answer is cached (to
   * replace a generated field with a new answer); the new answer is cached.
   */
  async enrich(request: EnrichmentRequest, options: { fresh?: boolean } = {}): Promise<EnrichmentOutcome> {
    const started = performance.now();
    const want: Wanted = { description: !request.description, category: request.categoryId == null };
    if (!want.description && !want.category) return skipped(started);

    const categoriser = await this.categoriser();
    const index = categoriser.index;
    const given = request.categoryId == null ? undefined : index.get(request.categoryId);
    const ranking = want.category
      ? categoriser.rank({ name: request.name, keywords: request.keywords, description: request.description }, this.options.shortlistSize)
      : null;
    const input: EnrichmentInput = {
      name: request.name,
      keywords: [...request.keywords],
      description: request.description ?? null,
      category: given ? { id: given.id, name: given.name, path: given.path } : null,
      want,
      candidates: ranking?.candidates ?? [],
    };

    const key = this.cacheKey(input);
    const cached = options.fresh ? undefined : await this.fromCache(key, input, ranking, index, started);
    if (cached) return cached;

    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const outcome = this.generate(key, input, ranking, started).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, outcome);
    return outcome;
  }

  private async generate(key: string, input: EnrichmentInput, ranking: Ranking | null, started: number): Promise<EnrichmentOutcome> {
    const primary = await this.ask(this.options.provider, input, ranking, started);
    if (primary.status === 'COMPLETE') {
      await this.toCache(key, primary);
    } else if (primary.status === 'FAILED' && this.options.fallback && this.options.fallback !== this.options.provider) {
      const fallback = await this.ask(this.options.fallback, input, ranking, started);
      if (fallback.status !== 'FAILED') {
        const why = `${this.options.provider.name} failed (${primary.error}); the ${this.options.fallback.name} provider wrote it instead.`;
        return this.logged({ ...fallback, error: fallback.error ? `${why} ${fallback.error}` : why }, input);
      }
    }
    return this.logged(primary, input);
  }

  /** One call to one provider, its answer checked field by field. */
  private async ask(provider: AiProvider, input: EnrichmentInput, ranking: Ranking | null, started: number): Promise<EnrichmentOutcome> {
    const source = SOURCE[provider.name];
    const callStarted = performance.now();
    let raw: unknown;
    try {
      raw = await provider.generate(enrichmentRequest(input));
    } catch (error) {
      if (!isAiError(error)) throw error;
      return outcome('FAILED', source, {}, this.assessed(ranking, null, provider), error.message, started, performance.now() - callStarted);
    }
    const providerMs = performance.now() - callStarted;
    const { answer, problems } = checkAnswer(raw, input);
    const generated = Number(answer.description !== undefined) + Number(answer.categoryId !== undefined);
    const status = problems.length === 0 ? 'COMPLETE' : generated > 0 ? 'PARTIAL' : 'FAILED';
    const assessment = this.assessed(ranking, answer.categoryId ?? null, provider);
    return outcome(status, source, answer, assessment, problems.length ? problems.join(' ') : null, started, providerMs);
  }

  /** Confidence and suggestions for the category chosen (or not) from `ranking`; nothing when no category was asked for. */
  private assessed(ranking: Ranking | null, chosen: number | null, provider: AiProvider): Assessment {
    if (!ranking) return { confidence: null, suggestions: [], needsReview: false };
    return assess(ranking, chosen, provider.name !== 'local', this.options.assessment);
  }

  private cacheKey(input: EnrichmentInput): string {
    const { provider } = this.options;
    const question = {
      version: PROMPT_VERSION,
      provider: provider.name,
      model: provider.model,
      name: input.name,
      keywords: input.keywords,
      description: input.description,
      categoryId: input.category?.id ?? null,
      want: input.want,
    };
    return `enrichment:${createHash('sha256').update(JSON.stringify(question)).digest('hex')}`;
  }

  private async fromCache(
    key: string,
    input: EnrichmentInput,
    ranking: Ranking | null,
    index: TaxonomyIndex,
    started: number,
  ): Promise<EnrichmentOutcome | undefined> {
    const { cache } = this.options;
    if (!cache) return undefined;
    let text: string | undefined;
    try {
      text = await cache.get(key);
    } catch (err) {
      this.options.log.warn({ err, cache: cache.kind }, 'AI cache read failed; asking the provider');
      return undefined;
    }
    if (text === undefined) return undefined;
    let answer: EnrichmentAnswer;
    try {
      answer = JSON.parse(text) as EnrichmentAnswer;
    } catch {
      return undefined;
    }
    // A cached category must still be in the taxonomy, and fields must match what is wanted now.
    if ((answer.categoryId !== undefined && !index.get(answer.categoryId)) || (input.want.description && !answer.description)) return undefined;
    const assessment = this.assessed(ranking, answer.categoryId ?? null, this.options.provider);
    const hit = outcome('COMPLETE', SOURCE[this.options.provider.name], answer, assessment, null, started, 0);
    return this.logged({ ...hit, cached: true }, input);
  }

  private async toCache(key: string, result: EnrichmentOutcome): Promise<void> {
    const { cache } = this.options;
    if (!cache) return;
    const answer: EnrichmentAnswer = {};
    if (result.description !== null) answer.description = result.description;
    if (result.categoryId !== null) answer.categoryId = result.categoryId;
    try {
      await cache.set(key, JSON.stringify(answer), this.ttlSeconds);
    } catch (err) {
      this.options.log.warn({ err, cache: cache.kind }, 'AI cache write failed; the answer is not cached');
    }
  }

  private logged(result: EnrichmentOutcome, input: EnrichmentInput): EnrichmentOutcome {
    const fields = { status: result.status, source: result.source, cached: result.cached, ...result.timings, want: input.want };
    if (result.status === 'COMPLETE') this.options.log.info(fields, 'product enriched');
    else this.options.log.warn({ ...fields, reason: result.error }, 'product enrichment incomplete');
    return result;
  }
}

function outcome(
  status: EnrichmentStatus,
  source: EnrichmentSource,
  answer: EnrichmentAnswer,
  assessment: Assessment,
  error: string | null,
  started: number,
  providerMs: number,
): EnrichmentOutcome {
  return {
    status,
    source,
    description: answer.description ?? null,
    categoryId: answer.categoryId ?? null,
    ...assessment,
    generated: { description: answer.description !== undefined, category: answer.categoryId !== undefined },
    error,
    cached: false,
    timings: { totalMs: round(performance.now() - started), providerMs: round(providerMs) },
  };
}

function skipped(started: number): EnrichmentOutcome {
  return outcome('SKIPPED', 'MANUAL', {}, { confidence: null, suggestions: [], needsReview: false }, null, started, 0);
}

/** One index per taxonomy array: building one takes a fraction of a second, and tests build many enrichers. */
const indexes = new WeakMap<readonly TaxonomyNode[], TaxonomyIndex>();

function indexOf(nodes: readonly TaxonomyNode[]): TaxonomyIndex {
  let index = indexes.get(nodes);
  if (!index) indexes.set(nodes, (index = TaxonomyIndex.build(nodes)));
  return index;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
