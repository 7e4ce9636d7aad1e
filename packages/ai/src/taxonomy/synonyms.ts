import { SHOP_WORDS } from './shop-words';
import { canonical, isContentWord, stem, words } from './text';

/** Stemmed keys (one token, or two or three separated by spaces) to the stemmed tokens they add. */
export interface SynonymMap extends ReadonlyMap<string, readonly string[]> {
  /** Keys that are another meaning of their word ("+" in SHOP_WORDS): the word keeps its own. */
  readonly additive: ReadonlySet<string>;
}

export function buildSynonyms(entries: Record<string, string> = SHOP_WORDS): SynonymMap {
  const map = new Map<string, string[]>() as Map<string, string[]> & { additive: Set<string> };
  map.additive = new Set();
  for (const [key, raw] of Object.entries(entries)) {
    const stemmedKey = words(key).filter(isContentWord).map(stem).map(canonical).join(' ');
    const additive = raw.startsWith('+');
    map.set(stemmedKey, words(additive ? raw.slice(1) : raw).map(stem).map(canonical));
    if (additive) map.additive.add(stemmedKey);
  }
  return map;
}
