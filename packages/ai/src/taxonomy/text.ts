/**
 * Word handling shared by the taxonomy index and the local embeddings: lower case, no
 * accents, British spellings and plurals folded, so "Polarised Sunglasses" and the
 * taxonomy's "Sunglasses" meet on the same token.
 */

/** Words that say nothing about what a product is. */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'or', 'the', 'of', 'for', 'with', 'without', 'in', 'on', 'to', 'by', 'from', 'at', 'as', 'per',
  'set', 'pack', 'piece', 'pcs', 'pair', 'count', 'assortment', 'collection', 'bundle', 'kit', 'size', 'sized', 'new', 'edition', 'version', 'model',
  'men', 'man', 'women', 'woman', 'unisex', 'ladies', 'gents', 'adult', 'adults',
  'large', 'medium', 'small', 'mini', 'xl', 'xxl', 'xs', 'extra', 'big', 'premium', 'professional', 'pro', 'classic',
  'black', 'white', 'grey', 'gray', 'red', 'blue', 'green', 'yellow', 'pink', 'brown', 'beige', 'navy', 'silver',
  'gold', 'clear', 'multi', 'assorted', 'various', 'quality', 'best', 'great',
  'other', 'general', 'miscellaneous',
]);

/** Units and counts that follow numbers: "500 ml", "20 cm", "16 GB". */
const UNITS = new Set([
  'mm', 'cm', 'm', 'km', 'in', 'inch', 'inches', 'ft', 'g', 'gsm', 'kg', 'lb', 'lbs', 'oz', 'ml', 'cl', 'l', 'ltr',
  'litre', 'liter', 'w', 'kw', 'v', 'mah', 'ah', 'gb', 'tb', 'mb', 'mp', 'hz', 'khz', 'ghz', 'h', 'iu', 'mg', 'k',
  'x', 'p', 'st', 'nd', 'rd', 'th', 'litres', 'liters', 'gram', 'grams', 'kgs', 'pint', 'pints', 'fl', 'denier', 'dpi',
  'lm', 'lumen', 'lumens', 'watt', 'watts', 'volt', 'volts', 'rpm', 'btu', 'fps', 'awg', 'en', 'iso',
]);

/** Spellings and irregular plurals a suffix rule cannot fold. */
const IRREGULAR: Record<string, string> = {
  mice: 'mouse', teeth: 'tooth', feet: 'foot', geese: 'goose', children: 'child', people: 'person',
  knives: 'knife', shelves: 'shelf', leaves: 'leaf', loaves: 'loaf', halves: 'half', wolves: 'wolf', scarves: 'scarf',
  dice: 'die', lenses: 'lens', buses: 'bus', series: 'series', species: 'species', glasses: 'glass', canvas: 'canvas',
  colour: 'color', jewellery: 'jewelry', aluminium: 'aluminum', moisturiser: 'moisturizer', moisturisers: 'moisturizer',
  organiser: 'organizer', organisers: 'organizer', polarised: 'polarized', licence: 'license', defence: 'defense',
  analogue: 'analog', catalogue: 'catalog', tyre: 'tire', tyres: 'tire', grey: 'gray', favourite: 'favorite',
  centre: 'center', centres: 'center', theatre: 'theater', fibre: 'fiber', metre: 'meter', litre: 'liter',
  pyjamas: 'pajama', pyjama: 'pajama', nappy: 'diaper', nappies: 'diaper', sanitiser: 'sanitizer', vaporiser: 'vaporizer',
  appetiser: 'appetizer', sterilizer: 'sterilizer', steriliser: 'sterilizer', humidifier: 'humidifier',
  windscreen: 'windshield', aeroplane: 'airplane', mould: 'mold', plough: 'plow', storey: 'story',
};

/** Folds a word to a stem both sides agree on; it need not be an English word. */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower case without accents; "Crème Brûlée" → "creme brulee". */
export function fold(text: string): string {
  // Plain ASCII (most titles) has nothing to decompose.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The raw words of a text, in order: possessives dropped, hyphenated words split ("two-way" → two, way). */
export function words(text: string): string[] {
  return fold(text)
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Hyphenated words written as one ("t-shirt" → tshirt, "wi-fi" → wifi), for the synonym map only:
 * scoring them as well as their parts would count one word twice.
 */
export function compounds(text: string): string[] {
  return (fold(text).match(/[a-z0-9]+(?:-[a-z0-9]+)+/g) ?? []).map((word) => word.replace(/-/g, ''));
}

/** True for tokens that carry meaning: not a number, a unit, a stop word or a single letter. */
export function isContentWord(word: string): boolean {
  // Not a number, a unit, a stop word, a single letter or a code like A4, C5, D3 or H7.
  return word.length > 1 && !/^\d/.test(word) && !/^[a-z]\d+[a-z]?$/.test(word) && !STOP_WORDS.has(word) && !UNITS.has(word);
}

/**
 * Stems that name the same thing, for the categoriser only (the embeddings keep `stem` as it
 * is): "Lighting" and "lights", "yoghurt" and "yogurt", "racket" and "racquet".
 */
const CANONICAL: Record<string, string> = {
  lighting: 'light', yoghurt: 'yogurt', racket: 'racquet', rucksack: 'backpack', pyjama: 'pajama', grey: 'gray',
  moisturising: 'moisturizing', organiser: 'organizer', colour: 'color', favour: 'favor', flavour: 'flavor',
};

export function canonical(token: string): string {
  return CANONICAL[token] ?? token;
}

/** Content words of a text, stemmed and made canonical, in order (duplicates kept). */
export function tokens(text: string): string[] {
  return words(text).filter(isContentWord).map(stem).filter((token) => !STOP_WORDS.has(token)).map(canonical);
}
