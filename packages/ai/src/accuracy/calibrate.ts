/**
 * `npm run ai:calibrate`: fits the confidence model (data/confidence-model.json) on the tuning
 * sets and prints how well calibrated it is. Each set is ranked with the other sets as nearest
 * examples, so no product votes for itself. The tuning sets' words are all in the shop-word list
 * by now, which new products' words will not be; so the sets are also ranked with a share of the
 * shop words held out (a quarter, a half; fixed seeds), and the model learns from all of it what
 * evidence looks like when the categoriser does not know a product's words. The frozen set is never
 * read here.
 *
 *   npm run ai:calibrate [-- --dry-run]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildSynonyms, TaxonomyIndex } from '../taxonomy';
import { readSet, TUNING_SETS, tuningExamples } from '../taxonomy/bank';
import { Categoriser, type RankingFeatures } from '../taxonomy/categoriser';
import { CONFIDENCE_MODEL_FILE, confidenceOf, FEATURES, fitLogistic, type ConfidenceModel } from '../taxonomy/confidence';
import { SHOP_WORDS } from '../taxonomy/shop-words';
import { vendoredTaxonomy } from './evaluate';
import { seeded } from './seeded';

/** Review threshold goal: at least this share right at the top level at or above it, every run pooled. */
const PRECISION_GOAL = Number(process.env.PRECISION_GOAL ?? 0.98);
/** Shares of the shop words held out, each run with its own seed. */
const HELD_OUT = [0, 0.25, 0.5, 0.5] as const;
const TEMPERATURE = 0.15;

interface Row {
  features: RankingFeatures;
  right: boolean;
  rightTop: boolean;
  heldOut: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const nodes = vendoredTaxonomy();
  const rows: Row[] = [];
  HELD_OUT.forEach((share, run) => {
    const random = seeded(run + 1);
    const kept = Object.fromEntries(Object.entries(SHOP_WORDS).filter(() => random() >= share));
    const index = TaxonomyIndex.build(nodes, { synonyms: buildSynonyms(kept) });
    for (const set of TUNING_SETS) {
      const categoriser = new Categoriser(index, tuningExamples([set]));
      for (const product of readSet(set)) {
        const ranking = categoriser.rank(product, 15);
        const got = ranking.candidates[0]?.id;
        const same = (depth: number) => got !== undefined && index.ancestorAt(got, depth)?.id === index.ancestorAt(product.categoryId, depth)?.id;
        rows.push({ features: ranking.features, right: same(1), rightTop: same(0), heldOut: share });
      }
    }
  });
  const { weights, bias } = fitLogistic(rows);
  const model: ConfidenceModel = { features: [...FEATURES], weights, bias, reviewThreshold: 0.5, temperature: TEMPERATURE };
  const scored = rows.map((row) => ({ ...row, confidence: confidenceOf(row.features, model) }));

  // The lowest threshold whose accepted products meet the precision goal (coarse steps, rounded).
  for (let threshold = 0.3; threshold <= 0.99; threshold = Math.round((threshold + 0.01) * 100) / 100) {
    const accepted = scored.filter((row) => row.confidence >= threshold);
    const precision = accepted.filter((row) => row.rightTop).length / Math.max(1, accepted.length);
    if (precision >= PRECISION_GOAL) {
      model.reviewThreshold = threshold;
      break;
    }
  }

  const out = [`Fitted on ${rows.length} rankings of ${TUNING_SETS.join(', ')} (shop words held out: ${HELD_OUT.join(', ')}):`, '', '| confidence | products | right (top level) | right (second level) | mean confidence |', '| --- | --- | --- | --- | --- |'];
  for (const [low, high] of [[0, 0.5], [0.5, 0.7], [0.7, 0.8], [0.8, 0.9], [0.9, 0.95], [0.95, 1.01]] as const) {
    const band = scored.filter((row) => row.confidence >= low && row.confidence < high);
    if (!band.length) continue;
    const share = (count: number) => `${((count / band.length) * 100).toFixed(1)}%`;
    const mean = band.reduce((sum, row) => sum + row.confidence, 0) / band.length;
    out.push(`| ${low.toFixed(2)}–${Math.min(high, 1).toFixed(2)} | ${band.length} | ${share(band.filter((row) => row.rightTop).length)} | ${share(band.filter((row) => row.right).length)} | ${mean.toFixed(2)} |`);
  }
  out.push('', `Review threshold ${model.reviewThreshold}:`);
  for (const share of new Set(HELD_OUT)) {
    const run = scored.filter((row) => row.heldOut === share);
    const accepted = run.filter((row) => row.confidence >= model.reviewThreshold);
    const right = accepted.filter((row) => row.rightTop).length;
    out.push(
      `- shop words held out ${share}: ${accepted.length} of ${run.length} accepted, ${((right / Math.max(1, accepted.length)) * 100).toFixed(1)}% of them right at the top level`,
    );
  }
  out.push('', JSON.stringify(model));
  process.stdout.write(`${out.join('\n')}\n`);
  if (!values['dry-run']) await writeFile(CONFIDENCE_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
