import type { TaxonomyCategory } from '@bodega/db';
import { buildQuery, DEFAULT_TEXT_WEIGHTS, type ProductText, type Query, type TextWeights } from './query';
import { buildSynonyms, type SynonymMap } from './synonyms';
import { tokens } from './text';

export { compounds, stem, tokens, words } from './text';
export { buildSynonyms, type SynonymMap } from './synonyms';
export { buildQuery, DEFAULT_TEXT_WEIGHTS, type ProductText, type Query, type TextWeights } from './query';

/** One Google Product Taxonomy category, shaped like a row of `products.categories`. */
export type TaxonomyNode = TaxonomyCategory;

export interface CategoryCandidate {
  id: number;
  name: string;
  path: string;
  /** Evidence for the category; only comparable within one shortlist. */
  score: number;
}

/** Lexical evidence for one category, before examples and priors are weighed in. */
export interface LexicalMatch {
  id: number;
  score: number;
  /** How strongly the product's head noun is one of the category's (0: not at all, 1: the head itself). */
  headMatch: number;
}

/** The knobs of lexical scoring (fitted on the tuning sets; see the README's "AI enrichment"). */
export interface LexicalWeights {
  /** Words matched in a category's ancestors count this much of a match in its own name. */
  ancestor: number;
  /** A category whose own name is only partly matched keeps this share of its score at least. */
  coverageFloor: number;
  /** Multiplier when the product's head noun is one of the category's heads: a "boot" is a kind of "Shoes", not of "Boot Liners". */
  headMatch: number;
  /** Multiplier when none of the category's heads is the product's: "Boot Liners" for a boot. */
  headMiss: number;
  /** Multiplier for accessory and part categories ("Laptop Replacement Keyboards") when the title does not say accessory or part. */
  accessory: number;
  /** Multiplier when the category's head is a word of the product's other than its head ("Cat Toys" for "cat toy mice"). */
  headMention: number;
  /** Multiplier for "… Sets" and "… Kits" categories when the title does not say set, kit or pieces. */
  notASet: number;
  /** And when it does: "Tool set, 100 pieces" is a tool set. */
  aSet: number;
  /**
   * How much the context words (every word but the head) favour the branches where the taxonomy
   * uses them: "dog" is a word of Animals & Pet Supplies, so "dog shampoo" is pet shampoo.
   */
  domain: number;
  /** The same at the top level. */
  domainTop: number;
  /** Rare words say more than common ones: a match counts idf to this power. */
  idfPower: number;
  /**
   * Multiplier for categories in branches few shops sell from (laboratory, heavy machinery,
   * collectibles, aircraft parts), unless the product's words name the branch ("laboratory").
   */
  specialist: number;
  /** Multiplier for categories of whom or what a product is for, when it says so: "dog bowl" → Pet Supplies. */
  purpose: number;
  /** How much each part of the product's text counts. */
  text: TextWeights;
}

export const DEFAULT_LEXICAL: LexicalWeights = {
  ancestor: 0.55,
  coverageFloor: 0.175,
  headMatch: 1.12,
  headMiss: 0.5,
  accessory: 0.35,
  headMention: 0.8,
  notASet: 0.5,
  aSet: 2,
  domain: 0.85,
  domainTop: 0.5,
  idfPower: 1,
  specialist: 0.6,
  purpose: 1.5,
  text: DEFAULT_TEXT_WEIGHTS,
};

/**
 * Branches few shops sell from: when the words fit both, a product belongs in a common category
 * rather than here ("personal blender" is a kitchen blender, not a laboratory one).
 */
const SPECIALIST_BRANCHES = [
  'Animals & Pet Supplies > Live Animals',
  'Arts & Entertainment > Hobbies & Creative Arts > Collectibles',
  'Arts & Entertainment > Hobbies & Creative Arts > Musical Instrument & Orchestra Accessories',
  'Business & Industrial > Advertising & Marketing',
  'Business & Industrial > Agriculture',
  'Business & Industrial > Automation Control Components',
  'Business & Industrial > Construction',
  'Business & Industrial > Dentistry',
  'Business & Industrial > Film & Television',
  'Business & Industrial > Finance & Insurance',
  'Business & Industrial > Forestry & Logging',
  'Business & Industrial > Hairdressing & Cosmetology',
  'Business & Industrial > Heavy Machinery',
  'Business & Industrial > Hotel & Hospitality',
  'Business & Industrial > Industrial Storage',
  'Business & Industrial > Industrial Storage Accessories',
  'Business & Industrial > Law Enforcement',
  'Business & Industrial > Manufacturing',
  'Business & Industrial > Material Handling',
  'Business & Industrial > Medical > Medical Equipment',
  'Business & Industrial > Medical > Medical Furniture',
  'Business & Industrial > Mining & Quarrying',
  'Business & Industrial > Piercing & Tattooing',
  'Business & Industrial > Science & Laboratory',
  'Cameras & Optics > Photography > Darkroom',
  'Electronics > Arcade Equipment',
  'Electronics > Circuit Boards & Components',
  'Electronics > Components',
  'Electronics > Marine Electronics',
  'Electronics > Speed Radars',
  'Electronics > Toll Collection Devices',
  'Hardware > Small Engines',
  'Mature > Weapons > Gun Care & Accessories',
  'Hardware > Storage Tanks',
  'Sporting Goods > Athletics > Coaching & Officiating',
  'Vehicles & Parts > Vehicle Parts & Accessories > Aircraft Parts & Accessories',
];

/** Words that say whom or what a product is for, and the words of the taxonomy branches for them. */
const PURPOSES: Record<string, string[]> = {
  dog: ['dog', 'pet'], puppy: ['dog', 'pet'], cat: ['cat', 'pet'], kitten: ['cat', 'pet'], pet: ['pet'],
  rabbit: ['animal', 'pet'], hamster: ['animal', 'pet'], guinea: ['animal', 'pet'], budgie: ['bird', 'pet'],
  parrot: ['bird', 'pet'], aquarium: ['fish', 'pet'], horse: ['horse', 'equestrian'], baby: ['baby'],
  infant: ['baby'], newborn: ['baby'], toddler: ['toddler', 'baby'], nursery: ['baby'], car: ['vehicle'],
  van: ['vehicle'], motorcycle: ['motorcycle', 'vehicle'], motorbike: ['motorcycle', 'vehicle'], bike: ['bicycle', 'cycling'],
  bicycle: ['bicycle', 'cycling'], cycling: ['bicycle', 'cycling'], boat: ['boat', 'watercraft', 'boating'],
  camping: ['camping', 'camp'], fishing: ['fishing'], golf: ['golf'], toy: ['toy'],
  church: ['religious'], christening: ['religious'], baptism: ['religious'], communion: ['religious'], altar: ['religious'],
  prayer: ['religious', 'prayer'], memorial: ['memorial'], funeral: ['memorial'],
  xbox: ['video', 'game'], playstation: ['video', 'game'], nintendo: ['video', 'game'], ps4: ['video', 'game'], ps5: ['video', 'game'],
};


/** Category words that make it an accessory or a part of something else. */
const ACCESSORY_CATEGORY_WORDS = new Set(['accessory', 'part', 'replacement', 'spare', 'refill', 'attachment']);

interface Entry {
  node: TaxonomyNode;
  own: Set<string>;
  /** What the category is: the last word of each part of its name ("Coffee Makers & Espresso Machines" → maker, machine). */
  heads: Set<string>;
  /** Sum of the idf of the own tokens: what a full match of the name is worth. */
  ownWeight: number;
  /** The things the name lists, each with its modifiers: "Pet Bowls, Feeders & Waterers" → pet bowl, pet feeder, pet waterer. */
  alternatives: string[][];
  accessory: boolean;
  /** "Flatware Sets", "First Aid Kits": a set of things. */
  set: boolean;
  /** In a specialist branch: the words that name it (any of them in the product lifts the penalty). */
  specialist: Set<string> | null;
  /** Every word of the category's path. */
  pathTokens: Set<string>;
  /** The second-level ancestor (or the category itself at depth 1), null for a top-level one. */
  branch: number | null;
  top: number;
}

/**
 * The taxonomy in memory with an inverted index from words to the categories whose own name holds
 * them, for scoring categories by lexical evidence (idf-weighted, name coverage, ancestors, head
 * noun, accessory words). Built once per process (5,595 categories: a few milliseconds).
 */
export class TaxonomyIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  /** Token → how its categories spread over second-level branches (shares summing to 1). */
  private readonly branchesOf = new Map<string, Map<number, number>>();
  private readonly rootNodes: TaxonomyNode[];
  /** Synonym key → the head words of its taxonomy words. */
  private readonly synonymHeads = new Map<string, string[]>();

  private constructor(
    nodes: readonly TaxonomyNode[],
    readonly synonyms: SynonymMap,
    private readonly weights: LexicalWeights,
  ) {
    // Names and their parts repeat along paths: tokenize each once.
    const seen = new Map<string, string[]>();
    const tokenize = (text: string) => {
      let list = seen.get(text);
      if (!list) seen.set(text, (list = tokens(text)));
      return list;
    };
    const specialistIds = new Map<number, Set<string>>();
    for (const node of nodes) {
      if (SPECIALIST_BRANCHES.includes(node.path)) specialistIds.set(node.id, new Set(node.path.split(' > ').slice(1).flatMap(tokenize)));
    }
    for (const node of nodes) {
      const own = new Set(tokenize(node.name));
      const accessory = [...own].some((token) => ACCESSORY_CATEGORY_WORDS.has(token));
      const set = /\b(?:sets|kits)$/i.test(node.name.trim());
      const branch = node.depth === 0 ? null : node.depth === 1 ? node.id : (node.ancestorIds[1] ?? null);
      const top = node.depth === 0 ? node.id : node.ancestorIds[0]!;
      const specialistAt = [node.id, ...node.ancestorIds].find((id) => specialistIds.has(id));
      const specialist = specialistAt === undefined ? null : specialistIds.get(specialistAt)!;
      const pathTokens = new Set(node.path.split(' > ').flatMap(tokenize));
      this.entries.set(node.id, {
        node, own, heads: categoryHeads(node.name, tokenize), ownWeight: 0, alternatives: categoryAlternatives(node.name, tokenize),
        accessory, set, branch, top, specialist, pathTokens,
      });
      for (const token of own) {
        const list = this.postings.get(token);
        if (list) list.push(node.id);
        else this.postings.set(token, [node.id]);
      }
    }
    const total = nodes.length;
    for (const [token, ids] of this.postings) this.idf.set(token, Math.log(1 + total / ids.length) ** weights.idfPower);
    for (const entry of this.entries.values()) {
      entry.ownWeight = [...entry.own].reduce((sum, token) => sum + (this.idf.get(token) ?? 0), 0);
    }
    for (const [token, ids] of this.postings) {
      const shares = new Map<number, number>();
      for (const id of ids) {
        const branch = this.entries.get(id)!.branch;
        if (branch !== null) shares.set(branch, (shares.get(branch) ?? 0) + 1 / ids.length);
      }
      this.branchesOf.set(token, shares);
    }
    this.rootNodes = nodes.filter((node) => node.depth === 0).sort((a, b) => a.path.localeCompare(b.path));
    for (const [key, value] of synonyms) this.synonymHeads.set(key, this.headsAmong(value));
  }

  /**
   * Which of a synonym's words say what the thing is: the heads of the category that holds them
   * all ("printer copier paper" → paper, "coats jackets" → coat, jacket), else the last word.
   */
  private headsAmong(value: readonly string[]): string[] {
    const [first, ...rest] = value;
    if (first === undefined) return [];
    if (rest.length === 0) return [first];
    let best: Entry | undefined;
    for (const id of this.postings.get(first) ?? []) {
      const entry = this.entries.get(id)!;
      if (rest.every((token) => entry.own.has(token)) && (!best || entry.own.size < best.own.size)) best = entry;
    }
    const heads = best ? value.filter((token) => best.heads.has(token)) : [];
    return heads.length ? heads : [value.at(-1)!];
  }

  static build(
    nodes: readonly TaxonomyNode[],
    options: { synonyms?: SynonymMap; weights?: Partial<LexicalWeights> } = {},
  ): TaxonomyIndex {
    if (nodes.length === 0) throw new Error('The taxonomy is empty: load it before enriching products.');
    const weights = { ...DEFAULT_LEXICAL, ...options.weights, text: { ...DEFAULT_TEXT_WEIGHTS, ...options.weights?.text } };
    return new TaxonomyIndex(nodes, options.synonyms ?? buildSynonyms(), weights);
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

  /** Whether a category name or a shop word holds the token. */
  knows(token: string): boolean {
    return this.idf.has(token) || this.synonyms.has(token);
  }

  /** The product's text as weighted tokens, in this taxonomy's vocabulary. */
  query(product: ProductText): Query {
    return buildQuery(product, {
      synonyms: this.synonyms,
      known: (token) => this.idf.has(token),
      synonymHeads: (key) => this.synonymHeads.get(key) ?? [],
      additive: (key) => this.synonyms.additive.has(key),
    }, this.weights.text);
  }

  /** Every category with lexical evidence for the product, unordered. */
  match(query: Query): LexicalMatch[] {
    const purposes = new Map<string, number>();
    for (const [token, weight] of query.weights) {
      if (weight > this.weights.text.name) continue;
      for (const word of PURPOSES[token] ?? []) purposes.set(word, Math.max(purposes.get(word) ?? 0, weight * this.weights.text.synonym));
    }
    const terms = new Map(query.weights);
    for (const [word, weight] of purposes) if (!terms.has(word)) terms.set(word, weight);
    const matched = new Map<number, Map<string, number>>();
    for (const [token, weight] of terms) {
      const idf = this.idf.get(token);
      if (idf === undefined) continue;
      for (const id of this.postings.get(token) ?? []) {
        let tokensOf = matched.get(id);
        if (!tokensOf) matched.set(id, (tokensOf = new Map()));
        tokensOf.set(token, weight * idf);
      }
    }
    const { ancestor, coverageFloor, headMatch, headMiss, accessory, headMention, notASet, specialist, purpose } = this.weights;
    const domain = this.domainOf(query);
    const results: LexicalMatch[] = [];
    for (const [id, ownMatches] of matched) {
      const entry = this.entries.get(id)!;
      let ownScore = 0;
      let coveredIdf = 0;
      for (const [token, value] of ownMatches) {
        ownScore += value;
        coveredIdf += this.idf.get(token) ?? 0;
      }
      // How fully the product names one of the things the category lists.
      let coverage = entry.ownWeight > 0 ? coveredIdf / entry.ownWeight : 0;
      for (const alternative of entry.alternatives) {
        let whole = 0;
        let covered = 0;
        for (const token of alternative) {
          const idf = this.idf.get(token) ?? 0;
          whole += idf;
          if (ownMatches.has(token)) covered += idf;
        }
        if (whole > 0) coverage = Math.max(coverage, covered / whole);
      }
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
      let score = ownScore * (coverageFloor + (1 - coverageFloor) * coverage) + ancestor * ancestorScore;
      let head = 0;
      for (const token of entry.heads) head = Math.max(head, query.heads.get(token) ?? 0);
      if (head > 0) score *= 1 + (headMatch - 1) * head;
      // "Cat Toys" for "cat toy mice" names two of its words; "Golf" for "golf umbrella" only a modifier.
      else score *= ownMatches.size > 1 && [...entry.heads].some((token) => query.weights.has(token)) ? headMention : headMiss;
      if (entry.accessory && !query.accessoryCue) score *= accessory;
      if (entry.set) score *= query.saysSet ? this.weights.aSet : notASet;
      if (entry.specialist && ![...entry.specialist].some((token) => query.weights.has(token))) score *= specialist;
      if (purposes.size && [...purposes.keys()].some((word) => entry.pathTokens.has(word))) score *= purpose;
      score *= domain(entry);
      results.push({ id, score, headMatch: head });
    }
    return results;
  }

  /**
   * How much of the product's name a category explains: the idf-weighted share of the name's main
   * words that its path holds (directly or through a shop word), and whether the head noun is a
   * word the taxonomy or the shop words know at all. Both feed the confidence model.
   */
  explanation(query: Query, id: number): { explained: number; headKnown: number } {
    const entry = this.entries.get(id);
    const headKnown = [...query.heads.keys()].some((token) => this.idf.has(token)) ? 1 : 0;
    if (!entry || query.mainTokens.length === 0) return { explained: 0, headKnown };
    let whole = 0;
    let covered = 0;
    for (const token of new Set(query.mainTokens)) {
      const weight = this.idf.get(token) ?? Math.log(1 + this.entries.size);
      whole += weight;
      const meant = this.synonyms.get(token) ?? [];
      if (entry.pathTokens.has(token) || meant.some((word) => entry.pathTokens.has(word))) covered += weight;
    }
    return { explained: whole > 0 ? covered / whole : 0, headKnown };
  }

  /**
   * The multiplier the product's context words give each category: the share of their evidence
   * (idf-weighted) that falls in the category's branch and top-level category.
   */
  private domainOf(query: Query): (entry: Entry) => number {
    const branches = new Map<number, number>();
    const tops = new Map<number, number>();
    let total = 0;
    for (const [token, weight] of query.weights) {
      // Context: modifiers, keywords and qualifiers, not the head.
      if (weight > this.weights.text.name) continue;
      const shares = this.branchesOf.get(token);
      if (!shares || shares.size === 0) continue;
      const mass = weight * (this.idf.get(token) ?? 0);
      total += mass;
      for (const [branch, share] of shares) {
        branches.set(branch, (branches.get(branch) ?? 0) + mass * share);
        const top = this.entries.get(branch)!.top;
        tops.set(top, (tops.get(top) ?? 0) + mass * share);
      }
    }
    if (total === 0) return () => 1;
    const { domain, domainTop } = this.weights;
    return (entry) =>
      1 + (domain * (entry.branch === null ? 0 : (branches.get(entry.branch) ?? 0)) + domainTop * (tops.get(entry.top) ?? 0)) / total;
  }

  /**
   * Categories the product most likely belongs to by their names alone, best first. When nothing
   * in its text matches a category name, the top-level categories, so a caller always has real ids.
   */
  shortlist(product: ProductText, limit = 15): CategoryCandidate[] {
    const matches = this.match(this.query(product));
    if (matches.length === 0) return this.rootNodes.slice(0, limit).map((node) => candidate(node, 0));
    return this.ordered(matches)
      .slice(0, limit)
      .map((match) => candidate(this.get(match.id)!, match.score));
  }

  /** Best first; ties go to the shallower category, then the smaller id (deterministic). */
  ordered<T extends { id: number; score: number }>(list: T[]): T[] {
    return list.sort((a, b) => b.score - a.score || this.depthOf(a.id) - this.depthOf(b.id) || a.id - b.id);
  }

  private depthOf(id: number): number {
    return this.entries.get(id)?.node.depth ?? 0;
  }
}

/**
 * What a category is: the last word of each "&"- or comma-separated part of its name. A single
 * singular word before "&" shares the next part's head: "Printer & Copier Paper" is paper, "Coffee
 * & Tea Sets" are sets, but "Wallets & Money Clips" are wallets and clips.
 */
export function categoryHeads(name: string, tokenize: (text: string) => string[] = tokens): Set<string> {
  const parts = name.split(/\s*(?:&|,)\s*/).filter(Boolean);
  const heads = new Set<string>();
  parts.forEach((part, index) => {
    // "Flatware Sets" are flatware, "First Aid Kits" aid: a set is of its previous word.
    const partTokens = tokenize(part);
    const next = parts[index + 1];
    const raw = part.trim().toLowerCase();
    const last = parts.at(-1)!.trim().toLowerCase();
    const sharesNextHead = !raw.includes(' ') && next !== undefined && next.trim().includes(' ') && !raw.endsWith('s');
    // "Video Game Console & Controller Batteries" are batteries: a longer part ending in a
    // singular word before a plural last part names what the last part's head is for.
    const modifiesLast = raw.includes(' ') && index < parts.length - 1 && !raw.endsWith('s') && last.endsWith('s');
    const head = partTokens.at(-1);
    if (head !== undefined && !sharesNextHead && !modifiesLast) heads.add(head);
  });
  return heads;
}

/**
 * The things a category name lists, each with the modifiers it shares: "Pet Bowls, Feeders &
 * Waterers" → [pet, bowl], [pet, feeder], [pet, waterer]; "Coffee Makers & Espresso Machines" →
 * [coffee, maker], [espresso, machine]; "Printer & Copier Paper" → [printer, paper], [copier, paper];
 * "Baseball & Softball Bases & Plates" → [baseball, base], [softball, base], [softball, plate].
 */
export function categoryAlternatives(name: string, tokenize: (text: string) => string[] = tokens): string[][] {
  const parts = name.split(/\s*(?:&|,)\s*/).filter(Boolean).map((part) => tokenize(part));
  if (parts.length < 2) return [];
  return parts.map((part, index) => {
    if (part.length !== 1) return part;
    // A lone word borrows the modifiers of the nearest longer part before it ("Pet Bowls, Feeders")
    // or lends itself as a modifier to the head of the next one ("Printer & Copier Paper").
    const before = parts.slice(0, index).reverse().find((other) => other.length > 1);
    if (before) return [...before.slice(0, -1), part[0]!];
    const after = parts.slice(index + 1).find((other) => other.length > 1);
    return after ? [part[0]!, after.at(-1)!] : part;
  });
}

export function candidate(node: TaxonomyNode, score: number): CategoryCandidate {
  return { id: node.id, name: node.name, path: node.path, score: Math.round(score * 1000) / 1000 };
}
