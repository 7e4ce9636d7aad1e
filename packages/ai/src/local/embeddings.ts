import { fold, stem, words } from '../taxonomy/text';
import { fnv1a } from './hash';

/** Length of a local embedding. */
export const LOCAL_EMBEDDING_DIMENSIONS = 384;

/** What each kind of feature adds: whole words say most, character trigrams catch spelling variants. */
const FEATURE_WEIGHT = { word: 1, bigram: 0.5, trigram: 0.25 } as const;

/**
 * A deterministic embedding without a model: the hashing trick over stemmed words, word bigrams and
 * character trigrams, each feature hashed (FNV-1a) to a position and a sign, then scaled to unit
 * length. Texts sharing words or word pieces get a high cosine similarity; the same text always gets
 * the same vector, on any machine. An empty text is the zero vector.
 */
export function localEmbedding(text: string, dimensions = LOCAL_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    const sign = hash & 1 ? -1 : 1;
    vector[(hash >>> 1) % dimensions]! += sign * weight;
  };
  const stems = words(fold(text)).map(stem);
  stems.forEach((word, index) => {
    add(`w:${word}`, FEATURE_WEIGHT.word);
    const next = stems[index + 1];
    if (next) add(`b:${word} ${next}`, FEATURE_WEIGHT.bigram);
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, FEATURE_WEIGHT.trigram);
  });
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** Cosine similarity of two vectors of the same length (their dot product when both are unit length). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`Vectors differ in length: ${a.length} and ${b.length}.`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
