import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabelledExample } from './examples';

/** Where the labelled products live (packages/ai/data). */
export const DATA_DIR = join(__dirname, '..', '..', 'data');

/**
 * The labelled sets the categoriser was developed and calibrated on, in the order they were
 * written. Their products are the nearest examples that vote and the counts behind the
 * common-category prior. The frozen set (frozen-products.json) is deliberately not among them:
 * it only ever measures.
 */
export const TUNING_SETS = ['labelled', 'holdout', 'tuning', 'tuning2', 'tuning3', 'tuning4', 'tuning5', 'tuning6', 'tuning7'] as const;
export type TuningSet = (typeof TUNING_SETS)[number];

/** The set written before the categoriser changed and never tuned on. */
export const FROZEN_SET = 'frozen';

export function labelledFile(set: string): string {
  return join(DATA_DIR, `${set}-products.json`);
}

const loaded = new Map<string, LabelledExample[]>();

/** A set's products as they are stored (name, keywords, categoryId, path), read once per process. */
export function readSet(set: string): LabelledExample[] {
  let examples = loaded.get(set);
  if (!examples) {
    examples = JSON.parse(readFileSync(labelledFile(set), 'utf8')) as LabelledExample[];
    loaded.set(set, examples);
  }
  return examples;
}

/** Every tuning set's products, except the sets named (to measure a set on examples other than its own). */
export function tuningExamples(except: readonly string[] = []): LabelledExample[] {
  return TUNING_SETS.filter((set) => !except.includes(set)).flatMap((set) => readSet(set));
}
