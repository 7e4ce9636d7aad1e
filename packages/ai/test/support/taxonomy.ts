import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTaxonomy } from '@bodega/db';
import type { TaxonomyNode } from '../../src';

const TAXONOMY_FILE = join(__dirname, '..', '..', '..', '..', 'data', 'google-product-taxonomy-with-ids.en-US.txt');

let nodes: TaxonomyNode[] | undefined;

/** The vendored Google Product Taxonomy, parsed once per test file (the database holds the same rows). */
export function taxonomyNodes(): TaxonomyNode[] {
  nodes ??= parseTaxonomy(readFileSync(TAXONOMY_FILE, 'utf8'));
  return nodes;
}
