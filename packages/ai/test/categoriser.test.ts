import { readSet, tuningExamples } from '../src/taxonomy/bank';
import { Categoriser } from '../src/taxonomy/categoriser';
import { buildSynonyms, TaxonomyIndex, tokens } from '../src/taxonomy';
import { SHOP_WORDS } from '../src/taxonomy/shop-words';
import { parseTitle, stripQuantities } from '../src/taxonomy/title';
import { taxonomyNodes } from './support/taxonomy';

const index = TaxonomyIndex.build(taxonomyNodes());
const categoriser = new Categoriser(index, tuningExamples());
const pathOf = (name: string, keywords: string[] = []) => index.get(categoriser.rank({ name, keywords }).candidates[0]!.id)!.path;

describe('reading a shop title', () => {
  it.each([
    ['Organic green tea 100 bags', 'organic green tea'],
    ['Socks, 3 pack', 'socks,'],
    ['Sparkling water, 6 x 1.5 L', 'sparkling water,'],
    ['Dinner plates, set of 6', 'dinner plates,'],
    ['3-seater fabric sofa', 'fabric sofa'],
    ['Acrylic paint, 24 colours', 'acrylic paint,'],
  ])('never lets quantities and pack sizes decide: "%s"', (title, left) => {
    expect(stripQuantities(title).replace(/\s+/g, ' ').trim()).toBe(left);
  });

  it('keeps a counted noun that names the thing: "nest of three tables"', () => {
    expect(parseTitle('Nest of three tables').main).toContain('table');
  });

  it.each([
    ['Espresso coffee beans 1 kg', 'coffee'],
    ['Organic green tea 100 bags', 'tea'],
    ["Men's leather hiking boots", 'boot'],
    ['Action camera 4K waterproof', 'camera'],
    ['Watercolour paper pad A4', 'pad'],
  ])('reads the head noun of "%s" as %s', (title, head) => {
    expect(parseTitle(title).heads[0]!.token).toBe(head);
  });

  it('notices when a title says it is an accessory or a part', () => {
    expect(parseTitle('Laptop replacement keyboard').accessoryCue).toBe(true);
    expect(parseTitle('Gel insoles for work boots').accessoryCue).toBe(true);
    expect(parseTitle('Keyboard-only notebook A5').accessoryCue).toBe(false);
  });
});

describe('choosing a category', () => {
  it.each([
    ['Organic green tea 100 bags', 'Food, Beverages & Tobacco > Beverages > Tea & Infusions'],
    ["Men's leather hiking boots", 'Apparel & Accessories > Shoes'],
    ['Espresso coffee beans 1 kg', 'Food, Beverages & Tobacco > Beverages > Coffee'],
    ['Keyboard-only notebook A5', 'Office Supplies > General Office Supplies > Paper Products > Notebooks & Notepads'],
  ])('puts "%s" where a shop would', (name, path) => {
    expect(pathOf(name)).toBe(path);
  });

  it('lets accessories and parts win only when the title says so', () => {
    expect(pathOf('Hiking boots')).toBe('Apparel & Accessories > Shoes');
    expect(pathOf('Boot liners for hiking boots')).toBe('Apparel & Accessories > Shoe Accessories > Boot Liners');
    expect(pathOf('Laptop replacement keyboard')).toMatch(/Laptop Replacement Keyboards$/);
  });

  it('reads a compound noun as one thing, and the words around it as what it is for', () => {
    expect(pathOf('Dog poop bags, 120 bags')).toBe('Animals & Pet Supplies > Pet Supplies > Pet Waste Bags');
    expect(pathOf('Stainless steel dog bowl 1.2 L')).toBe('Animals & Pet Supplies > Pet Supplies > Pet Bowls, Feeders & Waterers');
    expect(pathOf('Coffee table, oak')).toBe('Furniture > Tables > Accent Tables > Coffee Tables');
  });

  it('prefers a common retail category to a specialist one when the words fit both', () => {
    expect(pathOf('Personal blender 600 W', ['smoothie'])).toBe('Home & Garden > Kitchen & Dining > Kitchen Appliances > Food Mixers & Blenders');
  });

  it('is deterministic', () => {
    const product = { name: 'Non-stick frying pan 28 cm', keywords: ['induction'] };

    expect(categoriser.rank(product)).toEqual(new Categoriser(index, tuningExamples()).rank(product));
  });

  it('offers real taxonomy categories even when nothing matches', () => {
    const ranking = categoriser.rank({ name: 'Zyxqv 3000', keywords: [] });

    expect(ranking.candidates.length).toBeGreaterThan(0);
    expect(ranking.candidates.every((candidate) => candidate.score === 0 && index.get(candidate.id))).toBe(true);
  });
});

describe('the shop words', () => {
  it('name only words the taxonomy uses', () => {
    const vocabulary = new Set(taxonomyNodes().flatMap((node) => tokens(node.name)));
    const unknown = [...buildSynonyms()].filter(([, value]) => value.some((token) => !vocabulary.has(token) && token.length > 1 && tokens(token).length));
    // A few values keep a word the taxonomy splits differently ("solid state"); none may name nothing at all.
    expect(unknown.filter(([, value]) => value.every((token) => !vocabulary.has(token)))).toEqual([]);
  });

  it('never map a key to a different key once stop words are dropped', () => {
    const keys = Object.keys(SHOP_WORDS).map((key) => tokens(key).join(' '));

    expect(keys.filter((key) => key === '')).toEqual([]);
  });
});

describe('the nearest labelled examples', () => {
  it('vote only with examples other than the product itself when measured', () => {
    const own = readSet('labelled');
    const withoutOwn = tuningExamples(['labelled']);

    expect(withoutOwn.some((example) => own.includes(example))).toBe(false);
  });
});
