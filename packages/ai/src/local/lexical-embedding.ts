import { analyseText } from './lexicon';
import { fnv1a } from './hash';

/** What each kind of feature adds: words say most, thesaurus concepts carry paraphrases, word pairs and trigrams help a little. */
const WEIGHT = { word: 1, concept: 0.8, pair: 0.3, trigram: 0.12 } as const;

/**
 * The local provider's embedding (model `bodega-lexical-<dimensions>-2`): the hashing trick over
 * Porter2 stems of content words (stop words dropped, everyday shop words weighed down), the
 * thesaurus concepts they and their phrases name, stem pairs and character trigrams. Counts are
 * dampened (1 + ln n), so a long text is not just its most repeated word. Deterministic and unit
 * length; an empty text is the zero vector. Replaces `localEmbedding` for new vectors, which stays
 * as it was so vectors stored with it keep their meaning.
 */
export function lexicalEmbedding(text: string, dimensions: number): number[] {
  const { terms, concepts } = analyseText(text);
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight);
  terms.forEach((term, i) => {
    add(`w:${term.stem}`, WEIGHT.word * term.weight);
    const next = terms[i + 1];
    if (next) add(`p:${term.stem} ${next.stem}`, WEIGHT.pair * Math.min(term.weight, next.weight));
    const padded = `^${term.stem}$`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`t:${padded.slice(j, j + 3)}`, WEIGHT.trigram * term.weight);
  });
  for (const concept of concepts) add(`c:${concept}`, WEIGHT.concept);

  const vector = new Array<number>(dimensions).fill(0);
  for (const [feature, total] of features) {
    const hash = fnv1a(feature);
    const sign = hash & 1 ? -1 : 1;
    // Dampened: the first occurrence counts fully, repeats less and less.
    vector[(hash >>> 1) % dimensions]! += sign * (1 + Math.log(Math.max(1, total))) * Math.min(1, total);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
