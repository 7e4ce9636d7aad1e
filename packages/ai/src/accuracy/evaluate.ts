import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTaxonomy } from '@bodega/db';
import type { Enricher } from '../enrichment/enricher';
import { TaxonomyIndex, type TaxonomyNode } from '../taxonomy';

/** A shop product with the taxonomy category a person chose for it. */
export interface LabelledProduct {
  name: string;
  keywords: string[];
  categoryId: number;
  /** The category's path, for people reading the file; checked against the id. */
  path: string;
}

export interface Miss {
  name: string;
  keywords: string[];
  expected: string;
  got: string | null;
  /** Where it went wrong: the top-level category, or only the second level. */
  level: 'top' | 'second';
  confidence: number | null;
}

/** Products whose confidence fell in [low, high), and how many were right. */
export interface ConfidenceBand {
  low: number;
  high: number;
  products: number;
  topLevel: number;
  secondLevel: number;
}

export interface AccuracyReport {
  products: number;
  /** Shares in [0, 1]: predicted and expected categories under the same top-level category. */
  topLevel: number;
  /** Same second-level category (a top-level prediction counts as wrong here). */
  secondLevel: number;
  /** The very category expected. */
  exact: number;
  /** Expected category among the categories shortlisted for a language model to choose from. */
  shortlistRecall: number;
  shortlistSize: number;
  /** Share marked for review (no category, or confidence below the threshold). */
  needsReview: number;
  /** Of the products not marked for review, the share right at the top level (1 when all are marked). */
  acceptedTopLevel: number;
  bands: ConfidenceBand[];
  misses: Miss[];
  /** Mean wall time of one enrichment (categorising and describing one product), in ms. */
  meanMs: number;
}

/** The confidence bands the README's table shows. */
export const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0, 0.5],
  [0.5, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 1.01],
];

export { DATA_DIR } from '../taxonomy/bank';

/** The vendored Google Product Taxonomy (the database loads the same file). */
export const TAXONOMY_FILE = join(__dirname, '..', '..', '..', '..', 'data', 'google-product-taxonomy-with-ids.en-US.txt');

let vendored: { nodes: TaxonomyNode[]; index: TaxonomyIndex } | undefined;

export function vendoredTaxonomy(): TaxonomyNode[] {
  vendored ??= (() => {
    const nodes = parseTaxonomy(readFileSync(TAXONOMY_FILE, 'utf8'));
    return { nodes, index: TaxonomyIndex.build(nodes) };
  })();
  return vendored.nodes;
}

export function vendoredTaxonomyIndex(): TaxonomyIndex {
  vendoredTaxonomy();
  return vendored!.index;
}

/** Reads a labelled file and checks every id names the path it claims, so a typo cannot skew the numbers. */
export async function readLabelledProducts(file: string, index: TaxonomyIndex): Promise<LabelledProduct[]> {
  const products = JSON.parse(await readFile(file, 'utf8')) as LabelledProduct[];
  for (const product of products) {
    const node = index.get(product.categoryId);
    if (!node || node.path !== product.path) {
      throw new Error(`${file}: "${product.name}" has category ${product.categoryId}, which is "${node?.path ?? 'not in the taxonomy'}", not "${product.path}".`);
    }
  }
  return products;
}

/** Categorises every product through `enricher` (the code path products take) and compares. */
export async function measureAccuracy(enricher: Enricher, products: readonly LabelledProduct[], shortlistSize = 15): Promise<AccuracyReport> {
  const categoriser = await enricher.categoriser();
  const index = categoriser.index;
  let top = 0;
  let second = 0;
  let exact = 0;
  let recalled = 0;
  let reviewed = 0;
  let acceptedRight = 0;
  const bands: ConfidenceBand[] = BANDS.map(([low, high]) => ({ low, high, products: 0, topLevel: 0, secondLevel: 0 }));
  const misses: Miss[] = [];
  let spentMs = 0;
  for (const product of products) {
    const started = performance.now();
    const outcome = await enricher.enrich({ name: product.name, keywords: product.keywords });
    spentMs += performance.now() - started;
    const got = outcome.categoryId;
    const sameAt = (depth: number) => got !== null && index.ancestorAt(got, depth)?.id === index.ancestorAt(product.categoryId, depth)?.id;
    const topRight = sameAt(0);
    const secondRight = sameAt(1);
    if (topRight) top++;
    if (secondRight) second++;
    if (got === product.categoryId) exact++;
    if (categoriser.rank(product, shortlistSize).candidates.some((candidate) => candidate.id === product.categoryId)) recalled++;
    if (outcome.needsReview) reviewed++;
    else if (topRight) acceptedRight++;
    const band = bands.find((entry) => (outcome.confidence ?? 0) >= entry.low && (outcome.confidence ?? 0) < entry.high)!;
    band.products++;
    if (topRight) band.topLevel++;
    if (secondRight) band.secondLevel++;
    if (!secondRight) {
      misses.push({
        name: product.name,
        keywords: product.keywords,
        expected: product.path,
        got: got === null ? null : (index.get(got)?.path ?? String(got)),
        level: topRight ? 'second' : 'top',
        confidence: outcome.confidence,
      });
    }
  }
  const share = (count: number, of = products.length) => (of ? count / of : 0);
  const accepted = products.length - reviewed;
  return {
    products: products.length,
    topLevel: share(top),
    secondLevel: share(second),
    exact: share(exact),
    shortlistRecall: share(recalled),
    shortlistSize,
    needsReview: share(reviewed),
    acceptedTopLevel: accepted ? acceptedRight / accepted : 1,
    bands,
    misses,
    meanMs: products.length ? spentMs / products.length : 0,
  };
}
