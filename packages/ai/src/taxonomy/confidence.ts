import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './bank';
import type { CategoryCandidate } from './index';
import type { Ranking, RankingFeatures } from './categoriser';

/** The features the model reads, in order. */
export const FEATURES: ReadonlyArray<keyof RankingFeatures> = [
  'margin',
  'lexicalShare',
  'headMatch',
  'voteShare',
  'topLevelShare',
  'branchShare',
  'matched',
  'explained',
  'headKnown',
];

/**
 * A logistic model of "the first candidate is right to its second level", fitted by
 * `npm run ai:calibrate` on the tuning sets (each set ranked with the other sets' examples) and
 * stored in data/confidence-model.json.
 */
export interface ConfidenceModel {
  features: string[];
  weights: number[];
  bias: number;
  /**
   * Below this a generated category is marked for review: chosen so that on the tuning sets at
   * least 98.5% of the categories at or above it are right at the top level.
   */
  reviewThreshold: number;
  /** How the other candidates share what the first does not get: softmax temperature over relative scores. */
  temperature: number;
}

export const CONFIDENCE_MODEL_FILE = join(DATA_DIR, 'confidence-model.json');

let loaded: ConfidenceModel | undefined;

export function confidenceModel(): ConfidenceModel {
  loaded ??= JSON.parse(readFileSync(CONFIDENCE_MODEL_FILE, 'utf8')) as ConfidenceModel;
  return loaded;
}

/** The probability (0..1) that the ranking's first candidate is right, by the model. */
export function confidenceOf(features: RankingFeatures, model: ConfidenceModel = confidenceModel()): number {
  let z = model.bias;
  model.features.forEach((name, index) => {
    z += (model.weights[index] ?? 0) * (features[name as keyof RankingFeatures] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}

/** A category with the probability that it is the right one. */
export interface ScoredCategory {
  candidate: CategoryCandidate;
  probability: number;
}

/**
 * Every candidate with a probability: the first gets the calibrated confidence, the others share
 * the rest by their scores (a softmax over scores relative to the first's).
 */
export function candidateProbabilities(ranking: Ranking, model: ConfidenceModel = confidenceModel()): ScoredCategory[] {
  const [first, ...rest] = ranking.candidates;
  if (!first || first.score <= 0) return ranking.candidates.map((candidate) => ({ candidate, probability: 0 }));
  const confidence = confidenceOf(ranking.features, model);
  const raw = rest.map((candidate) => Math.exp((candidate.score / first.score - 1) / model.temperature));
  const total = raw.reduce((sum, value) => sum + value, 0);
  return [
    { candidate: first, probability: confidence },
    ...rest.map((candidate, index) => ({ candidate, probability: total > 0 ? ((1 - confidence) * raw[index]!) / total : 0 })),
  ];
}

/** Fits the logistic model by gradient descent (deterministic: fixed start, fixed steps). */
export function fitLogistic(rows: ReadonlyArray<{ features: RankingFeatures; right: boolean }>, steps = 4000, rate = 0.5, l2 = 0.001): { weights: number[]; bias: number } {
  const weights = FEATURES.map(() => 0);
  let bias = 0;
  const n = rows.length;
  for (let step = 0; step < steps; step++) {
    const gradient = FEATURES.map(() => 0);
    let gradientBias = 0;
    for (const row of rows) {
      let z = bias;
      FEATURES.forEach((name, index) => {
        z += weights[index]! * row.features[name];
      });
      const error = 1 / (1 + Math.exp(-z)) - (row.right ? 1 : 0);
      FEATURES.forEach((name, index) => {
        gradient[index]! += error * row.features[name];
      });
      gradientBias += error;
    }
    FEATURES.forEach((_, index) => {
      weights[index]! -= rate * (gradient[index]! / n + l2 * weights[index]!);
    });
    bias -= (rate * gradientBias) / n;
  }
  return { weights: weights.map(round), bias: round(bias) };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
