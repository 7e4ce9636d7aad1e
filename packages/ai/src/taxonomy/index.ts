import type { TaxonomyCategory } from '@bodega/db';
import { buildSynonyms, type SynonymMap } from './synonyms';
import { compounds, isContentWord, stem, tokens, words } from './text';

export { compounds, stem, tokens, words } from './text';
export { buildSynonyms, type SynonymMap } from './synonyms';

/** One Google Product Taxonomy category, shaped like a row of `products.categories`. */
export type TaxonomyNode = TaxonomyCategory;

/** What the categoriser reads about a product. */
export interface ProductText {
  name: string;
  keywords: readonly string[];
  /** The manager's own description, when there is one: weaker evidence than the name. */
  description?: string | null;
}

export interface CategoryCandidate {
  id: number;
  name: string;
  path: string;
  /** Lexical evidence; only comparable within one shortlist. */
  score: number;
}

/** How much each part of a product's text counts. The head noun of the name says most. */
const WEIGHT = { head: 2, name: 1, qualifier: 0.5, keyword: 0.8, description: 0.3, synonym: 0.9 } as const;
/** Words matched in a category's ancestors count this much of a match in its own name. */
const ANCESTOR_FACTOR = 0.5;
/** A category whose own name is only partly matched keeps this share of its score at least. */
const COVERAGE_FLOOR = 0.35;
/**
 * Score multiplier when the product's head noun is one of the category's: a "boot" is a kind of
 * "Shoes", not of "Boot Liners", although both names hold the word.
 */
const HEAD_MATCH = 1.25;
/** Words that name how a product is packed, not what it is: the head of "Wrapping Paper Roll" is paper. */
const PACKAGING = new Set(['roll', 'box', 'tin', 'jar', 'sachet', 'pouch', 'carton', 'tube', 'refill']);

// Where a product name stops naming the thing and starts qualifying it: "Socks, 5 pack", "Cage with perches".
const QUALIFIER = /\s*(?:[,(;:|/–—]|\s-\s|\s(?:with|for|incl|including|featuring|in|on|from|by)\s)/i;

interface Entry {
  node: TaxonomyNode;
  own: Set<string>;
  /** The last word of each part of the name: "Coffee Makers & Espresso Machines" → maker, machine. */
  heads: Set<string>;
  /** Sum of the idf of the own tokens: what a full match of the name is worth. */
  ownWeight: number;
}

/**
 * The taxonomy in memory with an inverted index from words to the categories whose own name holds
 * them, for shortlisting categories by lexical evidence (idf-weighted, name coverage, ancestors).
 * Built once per process (5,595 categories: a few milliseconds); every lookup is in memory.
 */
export class TaxonomyIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly rootNodes: TaxonomyNode[];

  private constructor(
    nodes: readonly TaxonomyNode[],
    private readonly synonyms: SynonymMap,
  ) {
    for (const node of nodes) {
      const own = new Set(tokens(node.name));
      const heads = new Set(node.name.split(/\s*[&,]\s*/).map((part) => tokens(part).at(-1)).filter((t) => t !== undefined));
      this.entries.set(node.id, { node, own, heads, ownWeight: 0 });
      for (const token of own) {
        const list = this.postings.get(token);
        if (list) list.push(node.id);
        else this.postings.set(token, [node.id]);
      }
    }
    const total = nodes.length;
    for (const [token, ids] of this.postings) this.idf.set(token, Math.log(1 + total / ids.length));
    for (const entry of this.entries.values()) {
      entry.ownWeight = [...entry.own].reduce((sum, token) => sum + (this.idf.get(token) ?? 0), 0);
    }
    this.rootNodes = nodes.filter((node) => node.depth === 0).sort((a, b) => a.path.localeCompare(b.path));
  }

  static build(nodes: readonly TaxonomyNode[], synonyms: SynonymMap = buildSynonyms()): TaxonomyIndex {
    if (nodes.length === 0) throw new Error('The taxonomy is empty: load it before enriching products.');
    return new TaxonomyIndex(nodes, synonyms);
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: number): TaxonomyNode | undefined {
    return this.entries.get(id)?.node;
  }

  roots(): TaxonomyNode[] {
    return [...this.rootNodes];
  }

  /** The category's ancestor at `depth` (0: top level), or the category itself at that depth. */
  ancestorAt(id: number, depth: number): TaxonomyNode | undefined {
    const node = this.get(id);
    if (!node || node.depth < depth) return undefined;
    if (node.depth === depth) return node;
    const ancestorId = node.ancestorIds[depth];
    return ancestorId === undefined ? undefined : this.get(ancestorId);
  }

  /**
   * Categories the product most likely belongs to, best first. When nothing in its text matches a
   * category name, the top-level categories, so a caller always has real ids to choose from.
   */
  shortlist(product: ProductText, limit = 15): CategoryCandidate[] {
    const { weights: query, heads } = this.queryWeights(product);
    const matched = new Map<number, Map<string, number>>();
    for (const [token, weight] of query) {
      const idf = this.idf.get(token);
      if (idf === undefined) continue;
      for (const id of this.postings.get(token) ?? []) {
        let tokensOf = matched.get(id);
        if (!tokensOf) matched.set(id, (tokensOf = new Map()));
        tokensOf.set(token, weight * idf);
      }
    }
    if (matched.size === 0) return this.rootNodes.slice(0, limit).map((node) => candidate(node, 0));

    const scored: CategoryCandidate[] = [];
    for (const [id, ownMatches] of matched) {
      const entry = this.entries.get(id)!;
      let ownScore = 0;
      let coveredIdf = 0;
      for (const [token, value] of ownMatches) {
        ownScore += value;
        coveredIdf += this.idf.get(token) ?? 0;
      }
      const coverage = entry.ownWeight > 0 ? coveredIdf / entry.ownWeight : 0;
      // Words of the query that an ancestor's name holds and this category's own name does not.
      const seen = new Set(ownMatches.keys());
      let ancestorScore = 0;
      for (const ancestorId of entry.node.ancestorIds) {
        for (const [token, value] of matched.get(ancestorId) ?? []) {
          if (seen.has(token)) continue;
          seen.add(token);
          ancestorScore += value;
        }
      }
      let score = ownScore * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) + ANCESTOR_FACTOR * ancestorScore;
      if ([...heads].some((head) => entry.heads.has(head))) score *= HEAD_MATCH;
      scored.push(candidate(entry.node, score));
    }
    scored.sort((a, b) => b.score - a.score || this.depthOf(a.id) - this.depthOf(b.id) || a.id - b.id);
    return scored.slice(0, limit);
  }

  /** The best single category, or null when nothing in the product's text names one. */
  categorise(product: ProductText): CategoryCandidate | null {
    const [best] = this.shortlist(product, 1);
    return best && best.score > 0 ? best : null;
  }

  private depthOf(id: number): number {
    return this.entries.get(id)?.node.depth ?? 0;
  }

  /**
   * Stemmed token → weight, the largest weight a token earns anywhere in the product's text; and
   * the head noun of the name (its last word before any qualifier) with the words its synonyms add.
   */
  private queryWeights(product: ProductText): { weights: Map<string, number>; heads: Set<string> } {
    const weights = new Map<string, number>();
    const add = (token: string, weight: number) => weights.set(token, Math.max(weights.get(token) ?? 0, weight));
    const addText = (text: string, weight: number, headWeight?: number): string[] => {
      const list = words(text).filter(isContentWord).map(stem);
      const weightAt = (index: number) => (headWeight !== undefined && index === list.length - 1 ? headWeight : weight);
      list.forEach((token, index) => {
        add(token, weightAt(index));
        this.expand(token, weightAt(index), add);
        // A two-word term weighs what its second word, its head, weighs: "vacuum cleaner"; written
        // as one word it may be the taxonomy's ("bath tub" → bathtub).
        const previous = list[index - 1];
        if (previous !== undefined) {
          this.expand(`${previous} ${token}`, weightAt(index), add);
          const joined = stem(`${previous}${token}`);
          if (this.idf.has(joined)) add(joined, weightAt(index));
        }
      });
      for (const compound of compounds(text)) this.expand(compound, weight, add);
      return list;
    };

    const name = product.name.trim();
    const cut = name.search(QUALIFIER);
    let main = cut > 0 ? name.slice(0, cut) : name;
    let tail = cut > 0 ? name.slice(cut) : '';
    // "Organic Tea Bags": the head is "tea"; "bags" still counts, as a qualifier.
    const mainWords = words(main).filter(isContentWord);
    const last = mainWords.at(-1);
    if (mainWords.length > 1 && last !== undefined && PACKAGING.has(stem(last))) {
      main = mainWords.slice(0, -1).join(' ');
      tail = `${last} ${tail}`;
    }
    const mainTokens = addText(main, WEIGHT.name, WEIGHT.head);
    if (tail) addText(tail, WEIGHT.qualifier);
    for (const keyword of product.keywords) addText(keyword, WEIGHT.keyword);
    if (product.description) addText(product.description, WEIGHT.description);

    const heads = new Set<string>();
    const head = mainTokens.at(-1);
    if (head) {
      heads.add(head);
      const previous = mainTokens.at(-2);
      for (const key of previous ? [head, `${previous} ${head}`] : [head]) {
        for (const token of this.synonyms.get(key) ?? []) heads.add(token);
      }
    }
    return { weights, heads };
  }

  private expand(key: string, weight: number, add: (token: string, weight: number) => void): void {
    for (const token of this.synonyms.get(key) ?? []) add(token, weight * WEIGHT.synonym);
  }
}

function candidate(node: TaxonomyNode, score: number): CategoryCandidate {
  return { id: node.id, name: node.name, path: node.path, score: Math.round(score * 1000) / 1000 };
}
