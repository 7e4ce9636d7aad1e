/**
 * The local categoriser's cost per product: one enrichment (ranking, confidence, suggestions and
 * description, no cache) and one ranking alone, over every labelled product in packages/ai/data,
 * in one process without a database. Several passes; the fastest pass is reported (the machine is
 * shared, and slower passes measure the neighbours), with the median pass beside it. Method and
 * results: bench/README.md.
 *
 *   npm run bench:categoriser [-- --passes 5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createLocalProvider, Enricher, type TaxonomyNode } from '@bodega/ai';
import { parseTaxonomy } from '@bodega/db';
import { createLogger } from '@bodega/logger';

const ROOT = join(__dirname, '..', '..');
const DATA = join(ROOT, 'packages', 'ai', 'data');

interface Pass {
  enrichMs: number[];
  rankMs: number[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { passes: { type: 'string', default: '5' } } });
  const passes = Number(values.passes);
  const nodes: TaxonomyNode[] = parseTaxonomy(readFileSync(join(ROOT, 'data', 'google-product-taxonomy-with-ids.en-US.txt'), 'utf8'));
  const products = readdirSync(DATA)
    .filter((file) => file.endsWith('-products.json'))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Array<{ name: string; keywords: string[] }>);

  const enricher = new Enricher({ provider: createLocalProvider(), taxonomy: async () => nodes, log: createLogger('bench-categoriser', 'silent') });
  const built = performance.now();
  const categoriser = await enricher.categoriser();
  const buildMs = performance.now() - built;
  const load = loadavg()[0]!;

  const runs: Pass[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const run: Pass = { enrichMs: [], rankMs: [] };
    for (const product of products) {
      let started = performance.now();
      await enricher.enrich({ name: product.name, keywords: product.keywords });
      run.enrichMs.push(performance.now() - started);
      started = performance.now();
      categoriser.rank(product);
      run.rankMs.push(performance.now() - started);
    }
    runs.push(run);
  }
  const byMean = [...runs].sort((a, b) => mean(a.enrichMs) - mean(b.enrichMs));
  const describe = (label: string, run: Pass) => {
    const enrich = [...run.enrichMs].sort((a, b) => a - b);
    const rank = [...run.rankMs].sort((a, b) => a - b);
    return `| ${label} | ${mean(enrich).toFixed(3)} ms | ${quantile(enrich, 0.5).toFixed(3)} ms | ${quantile(enrich, 0.99).toFixed(3)} ms | ${mean(rank).toFixed(3)} ms | ${quantile(rank, 0.99).toFixed(3)} ms |`;
  };
  process.stdout.write(
    [
      `${products.length} products, ${passes} passes, load average ${load.toFixed(2)} at the start; building the categoriser took ${buildMs.toFixed(0)} ms.`,
      '',
      '| pass | enrichment mean | p50 | p99 | ranking alone mean | p99 |',
      '| --- | --- | --- | --- | --- | --- |',
      describe('fastest', byMean[0]!),
      describe('median', byMean[Math.floor(byMean.length / 2)]!),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
