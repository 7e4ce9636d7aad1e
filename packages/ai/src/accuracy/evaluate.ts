import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Enricher } from '../enrichment/enricher';
import type { TaxonomyIndex } from '../taxonomy';

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
  misses: Miss[];
}

export const DATA_DIR = join(__dirname, '..', '..', 'data');

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
  const index = await enricher.taxonomy();
  let top = 0;
  let second = 0;
  let exact = 0;
  let recalled = 0;
  const misses: Miss[] = [];
  for (const product of products) {
    const outcome = await enricher.enrich({ name: product.name, keywords: product.keywords });
    const got = outcome.categoryId;
    const sameAt = (depth: number) => got !== null && index.ancestorAt(got, depth)?.id === index.ancestorAt(product.categoryId, depth)?.id;
    const topRight = sameAt(0);
    const secondRight = sameAt(1);
    if (topRight) top++;
    if (secondRight) second++;
    if (got === product.categoryId) exact++;
    if (index.shortlist(product, shortlistSize).some((candidate) => candidate.id === product.categoryId)) recalled++;
    if (!secondRight) {
      misses.push({
        name: product.name,
        keywords: product.keywords,
        expected: product.path,
        got: got === null ? null : (index.get(got)?.path ?? String(got)),
        level: topRight ? 'second' : 'top',
      });
    }
  }
  const share = (count: number) => (products.length ? count / products.length : 0);
  return {
    products: products.length,
    topLevel: share(top),
    secondLevel: share(second),
    exact: share(exact),
    shortlistRecall: share(recalled),
    shortlistSize,
    misses,
  };
}
