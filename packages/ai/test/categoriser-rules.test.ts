import { tuningExamples } from '../src/taxonomy/bank';
import { Categoriser, DEFAULT_RANKING } from '../src/taxonomy/categoriser';
import type { LabelledExample } from '../src/taxonomy/examples';
import { TaxonomyIndex } from '../src/taxonomy';
import { parseTitle } from '../src/taxonomy/title';
import { taxonomyNodes } from './support/taxonomy';

const nodes = taxonomyNodes();
const index = TaxonomyIndex.build(nodes);
const idOf = (path: string) => nodes.find((node) => node.path === path)!.id;
const firstPath = (categoriser: Categoriser, name: string, keywords: string[] = []) =>
  categoriser.index.get(categoriser.rank({ name, keywords }).candidates[0]!.id)?.path;
const example = (name: string, path: string, keywords: string[] = []): LabelledExample => ({ name, keywords, categoryId: idOf(path) });

describe('reading a title (the rules of this round)', () => {
  it('does not start the qualifier at an "in" or "on" that makes one word with the word before', () => {
    expect(parseTitle('Large check in suitcase 78 cm').heads[0]!.token).toBe('suitcase');
    expect(parseTitle('Slip on canvas shoes').heads[0]!.token).toBe('shoe');
    // A real qualifier still cuts.
    expect(parseTitle('Bird cage with perches').heads[0]!.token).toBe('cage');
    expect(parseTitle('Toys in a box').heads[0]!.token).toBe('toy');
  });

  it('reads a starter pack as a set of what the words before name', () => {
    const title = parseTitle('Electric guitar starter pack');

    expect(title.heads[0]!.token).toBe('guitar');
    expect(title.saysSet).toBe(true);
  });
});

describe('choosing a category (the rules of this round)', () => {
  it('lets a material before the head say what the thing is made of, not what it is', () => {
    const others = tuningExamples(['tuning2']);
    const materialAsAnyWord = TaxonomyIndex.build(nodes, { weights: { text: { material: 1 } as never } });

    expect(firstPath(new Categoriser(index, others), 'Rubber gloves, medium', ['household'])).toBe(
      'Home & Garden > Household Supplies > Household Cleaning Supplies > Cleaning Gloves',
    );
    expect(firstPath(new Categoriser(materialAsAnyWord, others), 'Rubber gloves, medium', ['household'])).toBe(
      'Apparel & Accessories > Clothing Accessories > Gloves & Mittens',
    );
  });

  it('lets a near copy of a labelled example carry its category', () => {
    const honey = [example('Wildflower Honey 450 g', 'Food, Beverages & Tobacco > Food Items > Condiments & Sauces > Honey')];

    expect(firstPath(new Categoriser(index, honey), 'Wildflower honey jar 454 g')).toBe('Food, Beverages & Tobacco > Food Items > Condiments & Sauces > Honey');
    expect(firstPath(new Categoriser(index, honey, { ...DEFAULT_RANKING, closeVote: 0 }), 'Wildflower honey jar 454 g')).toBe(
      'Home & Garden > Kitchen & Dining > Food Storage > Honey Jars',
    );
  });

  it('counts as a near copy only an example sharing more than the head noun, or all of a one-word title', () => {
    const tablets = [example('Tablet 10.1 inch, 64 GB', 'Electronics > Computers > Tablet Computers')];
    const envelopes = [example('Envelopes C5, 100 pcs', 'Office Supplies > General Office Supplies > Paper Products > Envelopes')];
    const topScore = (closeVote: number) =>
      new Categoriser(index, tablets, { ...DEFAULT_RANKING, closeVote }).rank({ name: 'Magnesium tablets, 120', keywords: ['supplement'] }).candidates[0]!.score;

    // "Tablet 10.1 inch" shares only the head noun with "Magnesium tablets": it votes, but is no copy.
    expect(topScore(DEFAULT_RANKING.closeVote)).toBe(topScore(0));
    expect(firstPath(new Categoriser(index, envelopes), 'A4 envelopes, 50 pack', ['self seal'])).toBe(
      'Office Supplies > General Office Supplies > Paper Products > Envelopes',
    );
  });

  it('takes the votes of examples sharing other words when no category name and no same-head example knows the product', () => {
    const cola = [example('Zorblax cola 2 L', 'Food, Beverages & Tobacco > Beverages > Soda', ['fizzy'])];

    expect(firstPath(new Categoriser(index, cola), 'Zorblax 2 L')).toBe('Food, Beverages & Tobacco > Beverages > Soda');
    expect(new Categoriser(index).rank({ name: 'Zorblax 2 L', keywords: [] }).candidates[0]!.score).toBe(0);
  });

  it('lets the examples with the head noun decide when no category name or shop word knows it', () => {
    const zorblax = [example('Zorblax, 40 cm', 'Apparel & Accessories > Clothing > Shirts & Tops', ['striped'])];
    const rank = (unknownHeadVotes: number) => firstPath(new Categoriser(index, zorblax, { ...DEFAULT_RANKING, unknownHeadVotes }), 'Winter zorblax', ['striped']);

    expect(rank(DEFAULT_RANKING.unknownHeadVotes)).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
    // Counted like any vote, the modifier's category would win.
    expect(rank(1)).toBe('Sporting Goods > Outdoor Recreation > Winter Sports & Activities');
  });

  it('holds back musical instrument accessories, a specialist branch, for household goods', () => {
    const bare = new Categoriser(index);

    expect(firstPath(bare, 'Microfibre cleaning cloths, 10 pack')).toMatch(/^Home & Garden > Household Supplies/);
    expect(firstPath(bare, 'Clothes pegs, 24 pack')).toMatch(/^Home & Garden > Household Supplies/);
  });

  it('reads religious purpose words: a candle for church is a religious item', () => {
    expect(firstPath(new Categoriser(index, tuningExamples(['tuning4'])), 'Candle for church, beeswax', ['altar'])).toMatch(/^Religious & Ceremonial/);
  });
});
