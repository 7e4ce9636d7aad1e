import { parseTitle, textTokens } from './title';

/** A shop product with the category a person chose for it. */
export interface LabelledExample {
  name: string;
  keywords: readonly string[];
  categoryId: number;
}

/** One nearest labelled example and how alike it is (cosine, 0..1). */
export interface Neighbour {
  example: LabelledExample;
  similarity: number;
  /** How many of the product's title words the example shares (the head among them). */
  shared: number;
}

/** How much each part of a title counts when comparing two products: the head says most. */
const PART_WEIGHT = { head: 2, main: 1, tail: 0.5, keyword: 0.6 } as const;

type Vector = Map<string, number>;

/**
 * Labelled products indexed by their words, to find the ones most like a new product: idf-weighted
 * cosine over stemmed title and keyword tokens, the head noun counting double. Its own small
 * index, not the document embedder, so what a vote means does not change with the embeddings.
 */
export class ExampleIndex {
  private readonly vectors: Vector[] = [];
  /** Each example's head nouns. */
  private readonly heads: Array<Set<string>> = [];
  /** Each example's title words. */
  private readonly titles: Array<Set<string>> = [];
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();

  constructor(readonly examples: readonly LabelledExample[]) {
    const raw = examples.map((example) => rawVector(example.name, example.keywords));
    const documentFrequency = new Map<string, number>();
    for (const vector of raw) for (const token of vector.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    for (const [token, count] of documentFrequency) this.idf.set(token, Math.log(1 + examples.length / count));
    raw.forEach((vector, index) => {
      this.vectors.push(this.weigh(vector));
      this.heads.push(new Set(parseTitle(examples[index]!.name).heads.map((head) => head.token)));
      this.titles.push(new Set(titleWords(examples[index]!.name)));
      for (const token of vector.keys()) {
        const list = this.postings.get(token);
        if (list) list.push(index);
        else this.postings.set(token, [index]);
      }
    });
  }

  get size(): number {
    return this.examples.length;
  }

  /**
   * The `k` examples most like the product, most alike first, at least `minSimilarity` alike. Only
   * examples with the same head noun count: a "pencil case" says nothing about a "rifle case"'s
   * category unless more than the head is shared, and a "yoga mat" nothing about a "door mat".
   * `sameHead: false` drops that rule, for products nothing else is known about.
   */
  nearest(name: string, keywords: readonly string[], k = 5, minSimilarity = 0.2, sameHead = true): Neighbour[] {
    const query = this.weigh(rawVector(name, keywords));
    const heads = parseTitle(name).heads.map((head) => head.token);
    const dots = new Map<number, number>();
    const shared = new Map<number, number>();
    const titleTokens = new Set(titleWords(name));
    for (const [token, weight] of query) {
      for (const index of this.postings.get(token) ?? []) {
        if (sameHead && !heads.some((head) => this.heads[index]!.has(head))) continue;
        dots.set(index, (dots.get(index) ?? 0) + weight * this.vectors[index]!.get(token)!);
        if (titleTokens.has(token) && this.titles[index]!.has(token)) shared.set(index, (shared.get(index) ?? 0) + 1);
      }
    }
    return [...dots]
      .filter(([, dot]) => dot >= minSimilarity)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([index, dot]) => ({ example: this.examples[index]!, similarity: dot, shared: shared.get(index) ?? 0 }));
  }

  /** idf-weighted and scaled to unit length; tokens the bank never saw carry no weight. */
  private weigh(raw: Vector): Vector {
    const vector: Vector = new Map();
    let norm = 0;
    for (const [token, weight] of raw) {
      const value = weight * (this.idf.get(token) ?? 0);
      if (value === 0) continue;
      vector.set(token, value);
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [token, value] of vector) vector.set(token, value / norm);
    return vector;
  }
}

function titleWords(name: string): string[] {
  const title = parseTitle(name);
  return [...title.main, ...title.tail];
}

function rawVector(name: string, keywords: readonly string[]): Vector {
  const vector: Vector = new Map();
  const add = (token: string, weight: number) => vector.set(token, Math.max(vector.get(token) ?? 0, weight));
  const title = parseTitle(name);
  for (const token of title.main) add(token, PART_WEIGHT.main);
  for (const head of title.heads) add(head.token, PART_WEIGHT.main + (PART_WEIGHT.head - PART_WEIGHT.main) * head.weight);
  for (const token of title.tail) add(token, PART_WEIGHT.tail);
  for (const keyword of keywords) for (const token of textTokens(keyword)) add(token, PART_WEIGHT.keyword);
  return vector;
}
