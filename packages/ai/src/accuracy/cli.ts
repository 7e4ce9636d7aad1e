/**
 * `npm run ai:accuracy`: how well the local provider categorises the labelled products, against
 * the vendored Google Product Taxonomy (no database, no network).
 *
 *   npm run ai:accuracy [-- --misses] [-- FILE.json ...]
 *
 * Default: every set in packages/ai/data. The tuning sets (labelled, holdout, tuning, tuning2,
 * tuning3) are each measured with the other sets as nearest examples, so no product votes for
 * itself; the frozen set (written before the categoriser changed, never tuned on) and any other
 * file with every tuning set. Exits 1 when the labelled set falls below its goals (90% top level,
 * 70% second).
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '@bodega/logger';
import { Enricher } from '../enrichment/enricher';
import { createLocalProvider } from '../local';
import { FROZEN_SET, labelledFile, TUNING_SETS, tuningExamples } from '../taxonomy/bank';
import { confidenceModel } from '../taxonomy/confidence';
import { measureAccuracy, readLabelledProducts, vendoredTaxonomy, vendoredTaxonomyIndex, type AccuracyReport } from './evaluate';

const GOALS = { topLevel: 0.9, secondLevel: 0.7 };
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { misses: { type: 'boolean', default: false } }, allowPositionals: true });
  const files = positionals.length ? positionals.map((file) => resolve(file)) : [...TUNING_SETS, FROZEN_SET].map(labelledFile);

  const provider = createLocalProvider();
  const nodes = vendoredTaxonomy();
  const index = vendoredTaxonomyIndex();
  const rows: Array<[string, AccuracyReport]> = [];
  for (const file of files) {
    const set = basename(file).replace(/-products\.json$/, '');
    const own = (TUNING_SETS as readonly string[]).includes(set) ? [set] : [];
    const enricher = new Enricher({ provider, taxonomy: async () => nodes, examples: tuningExamples(own), log: createLogger('ai-accuracy', 'silent') });
    rows.push([basename(file), await measureAccuracy(enricher, await readLabelledProducts(file, index))]);
  }

  const { reviewThreshold } = confidenceModel();
  const shortlist = rows[0]?.[1].shortlistSize ?? 15;
  const out = [
    `Local provider (${provider.model}) against the Google Product Taxonomy (${index.size} categories); review threshold ${reviewThreshold}:`,
    '',
    `| set | products | top level | second level | exact category | in the ${shortlist}-category shortlist | marked for review | not marked: right at top level |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ([name, r]) =>
        `| ${name} | ${r.products} | ${percent(r.topLevel)} | ${percent(r.secondLevel)} | ${percent(r.exact)} | ${percent(r.shortlistRecall)} | ${percent(r.needsReview)} | ${percent(r.acceptedTopLevel)} |`,
    ),
    '',
    `One enrichment (local provider, no cache) took ${(rows.reduce((sum, [, r]) => sum + r.meanMs * r.products, 0) / Math.max(1, rows.reduce((sum, [, r]) => sum + r.products, 0))).toFixed(2)} ms on average.`,
    '',
    'By confidence (products: right at top level / second level):',
    '',
    `| confidence | ${rows.map(([name]) => name.replace(/-products\.json$/, '')).join(' | ')} |`,
    `| --- |${rows.map(() => ' --- |').join('')}`,
    ...(rows[0]?.[1].bands ?? []).map((band, i) => {
      const cells = rows.map(([, r]) => {
        const b = r.bands[i]!;
        return b.products ? `${b.products}: ${percent(b.topLevel / b.products)} / ${percent(b.secondLevel / b.products)}` : '–';
      });
      return `| ${band.low.toFixed(2)}–${Math.min(band.high, 1).toFixed(2)} | ${cells.join(' | ')} |`;
    }),
  ];
  if (values.misses) {
    for (const [name, report] of rows) {
      out.push('', `Wrong in ${name} (expected → got, confidence):`);
      for (const miss of report.misses) {
        out.push(`- [${miss.level}] ${miss.name} (${miss.keywords.join(', ')}): ${miss.expected} → ${miss.got ?? 'none'} (${miss.confidence ?? '–'})`);
      }
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
