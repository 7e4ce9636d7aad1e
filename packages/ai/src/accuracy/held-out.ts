/**
 * `npm run ai:held-out`: how the categoriser does on products whose words it was not taught. The
 * tuning sets' words are all in the shop-word list by now, so their own accuracy says little about
 * new products; here each tuning set is ranked with the other sets as nearest examples and with a
 * share of the shop words held out (fixed seeds, as `ai:calibrate` does). Rules that help here help
 * because they are general, not because a word was added. The frozen set is never read.
 *
 *   npm run ai:held-out [-- --misses] [-- --share 0.5]
 *   RANKING='{"votes":0.4}' LEXICAL='{"accessory":0.3}' npm run ai:held-out   (try weights without editing them)
 */
import { parseArgs } from 'node:util';
import { buildSynonyms, TaxonomyIndex } from '../taxonomy';
import { readSet, TUNING_SETS, tuningExamples } from '../taxonomy/bank';
import { Categoriser, DEFAULT_RANKING } from '../taxonomy/categoriser';
import { SHOP_WORDS } from '../taxonomy/shop-words';
import { seeded } from './seeded';
import { vendoredTaxonomy } from './evaluate';

const SHARES = [0, 0.25, 0.5] as const;

function main(): void {
  const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, share: { type: 'string' } } });
  const shares = values.share === undefined ? SHARES : [Number(values.share)];
  const nodes = vendoredTaxonomy();
  const out = ['| shop words held out | products | top level | second level |', '| --- | --- | --- | --- |'];
  const misses: string[] = [];
  shares.forEach((share, run) => {
    const random = seeded(run + 1);
    const kept = Object.fromEntries(Object.entries(SHOP_WORDS).filter(() => random() >= share));
    const index = TaxonomyIndex.build(nodes, { synonyms: buildSynonyms(kept), weights: JSON.parse(process.env.LEXICAL ?? '{}') });
    let products = 0;
    let top = 0;
    let second = 0;
    for (const set of TUNING_SETS) {
      const categoriser = new Categoriser(index, tuningExamples([set]), { ...DEFAULT_RANKING, ...JSON.parse(process.env.RANKING ?? '{}') });
      for (const product of readSet(set)) {
        const got = categoriser.rank(product, 1).candidates[0]?.id;
        const same = (depth: number) => got !== undefined && index.ancestorAt(got, depth)?.id === index.ancestorAt(product.categoryId, depth)?.id;
        products++;
        if (same(0)) top++;
        if (same(1)) second++;
        else if (values.misses) {
          misses.push(`- [${share}${same(0) ? ' second' : ''}] ${set}: ${product.name} (${product.keywords.join(', ')}): ${index.get(product.categoryId)?.path} → ${got === undefined ? 'none' : index.get(got)?.path}`);
        }
      }
    }
    out.push(`| ${share} | ${products} | ${((top / products) * 100).toFixed(1)}% | ${((second / products) * 100).toFixed(1)}% |`);
  });
  process.stdout.write(`${[...out, ...(misses.length ? ['', ...misses] : [])].join('\n')}\n`);
}

main();
