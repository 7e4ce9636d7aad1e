import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@bodega/logger';
import { createLocalProvider, Enricher } from '../src';
import { measureAccuracy, readLabelledProducts, type LabelledProduct } from '../src/accuracy/evaluate';
import { tuningExamples } from '../src/taxonomy/bank';
import { taxonomyNodes } from './support/taxonomy';

const DATA = join(__dirname, '..', 'data');
// The labelled products are measured with the other sets' products as nearest examples, never their own.
const enricher = new Enricher({
  provider: createLocalProvider(),
  taxonomy: async () => taxonomyNodes(),
  examples: tuningExamples(['labelled']),
  log: createLogger('ai-test', 'silent'),
});

describe('the labelled products', () => {
  let products: LabelledProduct[];
  beforeAll(async () => {
    products = await readLabelledProducts(join(DATA, 'labelled-products.json'), await enricher.taxonomy());
  });

  it('are at least 100, across every top-level category, each id naming its path', async () => {
    const index = await enricher.taxonomy();
    const topLevels = new Set(products.map((p) => index.ancestorAt(p.categoryId, 0)?.name));

    expect(products.length).toBeGreaterThanOrEqual(100);
    expect([...topLevels].sort()).toEqual(index.roots().map((root) => root.name).sort());
  });

  it('are categorised by the local provider at >= 90% top level and >= 70% second level', async () => {
    const report = await measureAccuracy(enricher, products);

    expect(report.topLevel).toBeGreaterThanOrEqual(0.9);
    expect(report.secondLevel).toBeGreaterThanOrEqual(0.7);
  });
});

describe('the labelled sets', () => {
  it.each(['holdout', 'tuning', 'tuning2', 'tuning3', 'tuning4', 'tuning5', 'tuning6', 'tuning7', 'frozen'])('%s: every id names its path', async (set) => {
    await expect(readLabelledProducts(join(DATA, `${set}-products.json`), await enricher.taxonomy())).resolves.not.toHaveLength(0);
  });

  it('hold a frozen set of at least 150 products across all 21 top-level categories, apart from the tuning sets', async () => {
    const index = await enricher.taxonomy();
    const frozen = await readLabelledProducts(join(DATA, 'frozen-products.json'), index);
    const tuningNames = new Set(tuningExamples().map((example) => example.name.toLowerCase()));

    expect(frozen.length).toBeGreaterThanOrEqual(150);
    expect(new Set(frozen.map((p) => index.ancestorAt(p.categoryId, 0)?.id)).size).toBe(21);
    expect(frozen.filter((p) => tuningNames.has(p.name.toLowerCase()))).toEqual([]);
  });
});

describe('products the categoriser was not developed on', () => {
  const measured = (set: string, examples: ReturnType<typeof tuningExamples>) =>
    measureAccuracy(
      new Enricher({ provider: createLocalProvider(), taxonomy: async () => taxonomyNodes(), examples, log: createLogger('ai-test', 'silent') }),
      JSON.parse(readFileSync(join(DATA, `${set}-products.json`), 'utf8')),
    );

  it('the holdout set: >= 93% top level, >= 88% second level', async () => {
    const report = await measured('holdout', tuningExamples(['holdout']));

    expect(report.topLevel).toBeGreaterThanOrEqual(0.93);
    expect(report.secondLevel).toBeGreaterThanOrEqual(0.88);
  });

  it('the frozen set: >= 88% second level, and >= 97% right at top level among products not marked for review', async () => {
    const report = await measured('frozen', tuningExamples());

    expect(report.secondLevel).toBeGreaterThanOrEqual(0.88);
    expect(report.acceptedTopLevel).toBeGreaterThanOrEqual(0.97);
  });
});

describe('reading a labelled file', () => {
  it('refuses an id that does not name the path given, so a typo cannot skew the numbers', async () => {
    const index = await enricher.taxonomy();
    const file = join(__dirname, 'support', 'mislabelled.json');

    await expect(readLabelledProducts(file, index)).rejects.toThrow('"Dog bed" has category 187, which is "Apparel & Accessories > Shoes"');
  });
});
