import type { StructuredRequest } from '../provider';
import type { CategoryCandidate } from '../taxonomy';

export const ENRICHMENT_TASK = 'product-enrichment';
/** Part of every cache key: change it whenever the prompt or schema changes meaning. */
export const PROMPT_VERSION = 'enrichment-v2';
/** The longest description accepted, as for a manager's own (the products input schema). */
export const MAX_DESCRIPTION_LENGTH = 5000;

/** Which fields to generate: never one the manager gave. */
export interface Wanted {
  description: boolean;
  category: boolean;
}

/** Everything one enrichment call knows; the local provider reads this, a language model the prose. */
export interface EnrichmentInput {
  name: string;
  keywords: string[];
  /** The manager's own description, when given: context for the category. */
  description: string | null;
  /** The manager's own category, when given: context for the description. */
  category: { id: number; name: string; path: string } | null;
  want: Wanted;
  /** Shortlisted taxonomy categories, best first; the answer must pick one of them (or null). */
  candidates: CategoryCandidate[];
}

/** An answer that passed validation: only the wanted fields, each real. */
export interface EnrichmentAnswer {
  description?: string;
  categoryId?: number;
}

const SYSTEM = [
  'You write product listings for Bodega, a shop.',
  'From a product name and keywords, write a description for customers: two or three plain sentences, at most 600 characters.',
  'Use only what the name and keywords say. Never invent specifications, measurements, materials, brands, certifications, prices or claims.',
  'Write it as shop copy: never mention category paths, ids, the taxonomy or how the product was categorised.',
  'Choose the category from the numbered Google Product Taxonomy categories given, by id: the most specific one that fits.',
  'If none fits, answer null for categoryId. Answer with JSON only, following the schema.',
].join('\n');

/** The one structured request that asks for every wanted field at once. */
export function enrichmentRequest(input: EnrichmentInput): StructuredRequest {
  const lines = [`Product name: ${input.name}`, `Keywords: ${input.keywords.length ? input.keywords.join(', ') : '(none)'}`];
  if (input.description && !input.want.description) lines.push(`Description (the manager's, keep it): ${input.description}`);
  if (input.category && !input.want.category) lines.push(`Category (the manager's, keep it): ${input.category.path}`);
  if (input.want.category) {
    lines.push('', 'Categories to choose from (id: path):', ...input.candidates.map((c) => `${c.id}: ${c.path}`));
  }
  const fields = [input.want.description && 'description', input.want.category && 'categoryId'].filter(Boolean);
  lines.push('', `Answer with: ${fields.join(', ')}.`);
  return { task: ENRICHMENT_TASK, system: SYSTEM, prompt: lines.join('\n'), input, schema: answerSchema(input) };
}

/** Strict JSON Schema of the answer: only the wanted fields, the category one of the shortlist's ids. */
function answerSchema(input: EnrichmentInput): StructuredRequest['schema'] {
  const properties: Record<string, unknown> = {};
  if (input.want.description) {
    properties.description = { type: 'string', description: 'For customers; only facts from the name and keywords.' };
  }
  if (input.want.category) {
    properties.categoryId = {
      type: ['string', 'null'],
      enum: [...input.candidates.map((c) => String(c.id)), null],
      description: 'The id of the chosen category, or null if none fits.',
    };
  }
  return {
    name: 'product_enrichment',
    jsonSchema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
  };
}

export interface CheckedAnswer {
  answer: EnrichmentAnswer;
  /** Why a wanted field was rejected, one sentence each; empty when everything wanted is valid. */
  problems: string[];
}

/**
 * Keeps what is valid in a model's answer and says why the rest was rejected: a description must
 * be non-empty text; a category must be one of the ids offered (a made-up or malformed id is
 * rejected, never saved).
 */
export function checkAnswer(raw: unknown, input: EnrichmentInput): CheckedAnswer {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { answer: {}, problems: ['The answer was not a JSON object.'] };
  }
  const value = raw as Record<string, unknown>;
  const answer: EnrichmentAnswer = {};
  const problems: string[] = [];

  if (input.want.description) {
    const description = typeof value.description === 'string' ? value.description.trim() : undefined;
    if (description === undefined) problems.push('The answer has no description.');
    else if (description === '') problems.push('The description was empty.');
    else if (description.length > MAX_DESCRIPTION_LENGTH) problems.push(`The description was over ${MAX_DESCRIPTION_LENGTH} characters.`);
    else if (quotesTaxonomy(description, input)) problems.push('The description quoted the category path, which is not copy for customers; it was rejected.');
    else answer.description = description;
  }

  if (input.want.category) {
    const chosen = value.categoryId;
    const offered = new Set(input.candidates.map((c) => String(c.id)));
    if (chosen === null) {
      problems.push('No shortlisted category fits the product; choose one by hand.');
    } else if (typeof chosen !== 'string' && typeof chosen !== 'number') {
      problems.push('The answer has no categoryId.');
    } else if (!offered.has(String(chosen).trim())) {
      problems.push(`The category "${excerpt(String(chosen))}" is not one of the ${offered.size} taxonomy categories offered; it was rejected.`);
    } else {
      answer.categoryId = Number(String(chosen).trim());
    }
  }
  return { answer, problems };
}

/**
 * The local provider's answer: the first category of the shortlist (null when no category name
 * matched at all), and a description written from the name, keywords and category name, that
 * restates them and adds nothing (no invented specifications).
 */
export function answerLocally(data: unknown): { description?: string; categoryId?: string | null } {
  const input = data as EnrichmentInput;
  const best = input.candidates[0];
  const chosen = input.want.category && best && best.score > 0 ? best : null;
  const category = input.category ?? chosen;
  const answer: { description?: string; categoryId?: string | null } = {};
  if (input.want.description) answer.description = describe(input.name, input.keywords, category?.name ?? null);
  if (input.want.category) answer.categoryId = chosen ? String(chosen.id) : null;
  return answer;
}

/**
 * Product copy from what the manager wrote: the name as a sentence, the shelf it is on (the
 * category's own name, never its path) and the keywords as highlights. "Organic green tea, 100
 * bags. From our Tea & Infusions range. Highlights: sencha and tea bags."
 */
export function describe(name: string, keywords: readonly string[], categoryName: string | null): string {
  const sentences = [sentenceCase(name.trim().replace(/[.\s]+$/, ''))];
  if (categoryName) sentences.push(`From our ${categoryName} range`);
  const highlights = keywords.map((keyword) => keyword.trim()).filter(Boolean);
  if (highlights.length) sentences.push(`Highlights: ${listOf(highlights)}`);
  return `${sentences.join('. ')}.`;
}

/** True when a description holds a taxonomy path: "A > B > C", or a step of the path of a category offered or given ("Kitchen & Dining > Cookware"). */
export function quotesTaxonomy(description: string, input: Pick<EnrichmentInput, 'candidates' | 'category'>): boolean {
  if (/\S\s*(?:>|›)\s*\S.*(?:>|›)/.test(description)) return true;
  const paths = [...input.candidates.map((candidate) => candidate.path), input.category?.path].filter(
    (path): path is string => path !== undefined && path.includes(' > '),
  );
  return paths.some((path) => {
    const parts = path.split(' > ');
    return parts.slice(1).some((part, index) => {
      const parent = parts[index]!;
      return description.includes(`${parent} > ${part}`) || description.includes(`${parent} › ${part}`);
    });
  });
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listOf(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
