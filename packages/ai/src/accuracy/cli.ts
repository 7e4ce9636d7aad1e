/**
 * `npm run ai:accuracy`: how well the local provider categorises the labelled products, against
 * the vendored Google Product Taxonomy (no database, no network).
 *
 *   npm run ai:accuracy [-- --misses] [-- FILE.json ...]
 *
 * Default files: packages/ai/data/labelled-products.json (the set the categoriser was developed
 * on) and holdout-products.json (written after it was frozen, to show how it does on products it
 * has not seen). Exits 1 when the labelled set falls below the goals (90% top level, 70% second).
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTaxonomy } from '@bodega/db';
import { createLogger } from '@bodega/logger';
import { Enricher } from '../enrichment/enricher';
import { createLocalProvider } from '../local';
import { DATA_DIR, measureAccuracy, readLabelledProducts, type AccuracyReport } from './evaluate';

const TAXONOMY_FILE = join(__dirname, '..', '..', '..', '..', 'data', 'google-product-taxonomy-with-ids.en-US.txt');
const GOALS = { topLevel: 0.9, secondLevel: 0.7 };
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { misses: { type: 'boolean', default: false } }, allowPositionals: true });
  const files = positionals.length
    ? positionals.map((file) => resolve(file))
    : [join(DATA_DIR, 'labelled-products.json'), join(DATA_DIR, 'holdout-products.json')];

  const provider = createLocalProvider();
  const nodes = parseTaxonomy(await readFile(TAXONOMY_FILE, 'utf8'));
  const enricher = new Enricher({ provider, taxonomy: async () => nodes, log: createLogger('ai-accuracy', 'silent') });
  const index = await enricher.taxonomy();

  const rows: Array<[string, AccuracyReport]> = [];
  for (const file of files) rows.push([basename(file), await measureAccuracy(enricher, await readLabelledProducts(file, index))]);

  const shortlist = rows[0]?.[1].shortlistSize ?? 15;
  const out = [
    `Local provider (${provider.model}) against the Google Product Taxonomy (${index.size} categories):`,
    '',
    `| set | products | top level | second level | exact category | expected in the ${shortlist}-category shortlist |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(([name, r]) => `| ${name} | ${r.products} | ${percent(r.topLevel)} | ${percent(r.secondLevel)} | ${percent(r.exact)} | ${percent(r.shortlistRecall)} |`),
  ];
  if (values.misses) {
    for (const [name, report] of rows) {
      out.push('', `Wrong in ${name} (expected → got):`);
      for (const miss of report.misses) out.push(`- [${miss.level}] ${miss.name} (${miss.keywords.join(', ')}): ${miss.expected} → ${miss.got ?? 'none'}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const labelled = rows.find(([name]) => name === 'labelled-products.json')?.[1];
  if (labelled && (labelled.topLevel < GOALS.topLevel || labelled.secondLevel < GOALS.secondLevel)) {
    process.stderr.write(`Below the goals (${percent(GOALS.topLevel)} top level, ${percent(GOALS.secondLevel)} second level).\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
