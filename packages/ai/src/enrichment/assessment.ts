import type { Ranking } from '../taxonomy/categoriser';
import { candidateProbabilities, confidenceModel, type ConfidenceModel } from '../taxonomy/confidence';

/** One of the likeliest categories and the probability that it is the right one (0..1). */
export interface CategorySuggestion {
  categoryId: number;
  score: number;
}

/** How sure the categoriser is of a generated category, and what else it might be. */
export interface Assessment {
  /** The probability (0..1) that the chosen category is right; null when none was chosen. */
  confidence: number | null;
  /** The three likeliest categories, best first, with probabilities. */
  suggestions: CategorySuggestion[];
  /** The category is missing or less likely than the review threshold. */
  needsReview: boolean;
}

export interface AssessmentOptions {
  /** Below this a generated category needs review. Default: the calibrated model's threshold. */
  reviewThreshold?: number;
  /**
   * For a language model's choice: how often such a model picks the right category from the
   * shortlist. Its choice is weighed against the local evidence with Bayes' rule.
   * @default 0.8
   */
  modelAccuracy?: number;
  model?: ConfidenceModel;
}

export const DEFAULT_MODEL_ACCURACY = 0.8;
const SUGGESTIONS = 3;

/**
 * Scores the chosen category against the ranking. The local provider chooses the first
 * candidate, so its confidence is the calibrated one. A language model may choose another; then
 * each candidate's local probability p is updated by the model's choice c: the truth t gets
 * p(t)·a when t is c and p(t)·(1 − a)/(n − 1) otherwise (a the model's accuracy, n the
 * shortlist's size), normalised. A model that agrees with strong local evidence is very likely
 * right; one that picks a candidate the evidence is against is less so.
 */
export function assess(ranking: Ranking, chosen: number | null, byModel: boolean, options: AssessmentOptions = {}): Assessment {
  const model = options.model ?? confidenceModel();
  const threshold = options.reviewThreshold ?? model.reviewThreshold;
  let scored = candidateProbabilities(ranking, model).map(({ candidate, probability }) => ({ categoryId: candidate.id, score: probability }));
  if (byModel && chosen !== null && scored.length > 1) {
    const accuracy = options.modelAccuracy ?? DEFAULT_MODEL_ACCURACY;
    const elsewhere = (1 - accuracy) / (scored.length - 1);
    const updated = scored.map((entry) => ({ ...entry, score: entry.score * (entry.categoryId === chosen ? accuracy : elsewhere) }));
    const total = updated.reduce((sum, entry) => sum + entry.score, 0);
    scored = updated.map((entry) => ({ ...entry, score: total > 0 ? entry.score / total : 0 })).sort((a, b) => b.score - a.score);
  }
  const suggestions = scored.filter((entry) => entry.score > 0).slice(0, SUGGESTIONS).map((entry) => ({ ...entry, score: round(entry.score) }));
  const confidence = chosen === null ? null : round(scored.find((entry) => entry.categoryId === chosen)?.score ?? 0);
  return { confidence, suggestions, needsReview: confidence === null || confidence < threshold };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
