import { fold, isContentWord, stem, tokens, words } from './text';

/**
 * What a shop title says about the thing it names, read the way a person reads "Organic green tea,
 * 100 bags" or "Gel insoles for work boots": the head noun names the kind of thing, the words
 * before it narrow it, and what follows a comma or "for" only qualifies it.
 */
export interface ParsedTitle {
  /** Stemmed content tokens naming the thing, in order, quantities and pack sizes removed. */
  main: string[];
  /**
   * What the product is, strongest first: the head noun, or for a form or pack noun ("coffee
   * beans", "tea bags", "tuna chunks") the word before it, then the form noun at a lower weight.
   */
  heads: Array<{ token: string; weight: number }>;
  /** Tokens after the qualifier cut ("with drawers", "for dogs"), quantities removed. */
  tail: string[];
  /** True when the title says it is an accessory, part, refill or replacement, or is "for" something. */
  accessoryCue: boolean;
  /** A hyphenated word ending the main part, written as one ("t-shirt" → tshirt): it may be the head. */
  headCompound: string | undefined;
  /** The title says set, kit or pieces: a "… Sets" category fits it. */
  saysSet: boolean;
}

const SET_WORDS = new Set(['set', 'sets', 'kit', 'kits', 'piece', 'pieces', 'pcs', 'combo', 'bundle', 'collection']);

/** "Starter pack", "beginner kit": the words before name what the set is of. */
const STARTER_SET = /\b(?:starter|beginners?|taster|trial|discovery)\s+(?:pack|kit|set|bundle|box)s?\b/g;

/** Where a product name stops naming the thing and starts qualifying it: "Socks, 5 pack", "Cage with perches". */
const QUALIFIER = /\s*(?:[,(;:|/–—]|\s-\s|\s(?:with|for|incl|including|featuring|in|on|from|by|to fit|fits)\s)/i;
/** Qualifiers that mark an accessory: "Insoles for boots", "Cover to fit 55 cm cases". */
const ACCESSORY_QUALIFIER = /\s(?:for|to fit|fits)\s/i;

/** Words that say a product belongs to something else. */
const ACCESSORY_WORDS = new Set([
  'accessory', 'accessories', 'part', 'parts', 'replacement', 'replacements', 'spare', 'spares', 'refill', 'refills',
  'attachment', 'attachments', 'compatible',
]);

/**
 * Nouns that name the form or the pack a product comes in rather than the product: the head of
 * "coffee beans" is coffee, of "tea bags" tea, of "tuna chunks" tuna. Kept as a weaker head.
 */
const FORM_NOUNS = new Set([
  'bean', 'pod', 'capsule', 'leaf', 'powder', 'flake', 'granule', 'cube', 'slice', 'fillet', 'rasher', 'chunk',
  'strip', 'drop', 'pellet', 'sachet', 'pouch', 'roll', 'box', 'tin', 'jar', 'carton', 'tube', 'refill', 'bottle',
  'can', 'tub', 'stick', 'bar', 'wedge', 'block', 'portion', 'nugget', 'bite', 'crumb', 'tablet', 'capsule', 'pill',
  'lozenge', 'softgel', 'gel', 'spray', 'foam',
]);
/** Form nouns that name the product when they stand after one of these: "tea bags", not "tote bags". */
const BAG_CONTENTS = new Set(['tea', 'coffee', 'rice', 'bin', 'trash', 'garbage', 'rubbish', 'poop', 'waste', 'nappy', 'diaper', 'freezer', 'sandwich', 'storage']);

/** Nouns that count items in a pack after a number: "100 bags", "24 colours", "3 tiers". */
const COUNT_WORDS = new Set(['pack', 'pk', 'pcs', 'pc', 'piece', 'pair', 'set', 'count', 'ct', 'ply', 'way', 'tog']);
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozen']);
const NUMBER = String.raw`(?:\d+(?:[.,/]\d+)?|${[...NUMBER_WORDS].join('|')})`;

/**
 * Quantities and pack sizes never decide the category: "6 x 1.5 L", "50 x 80 cm", "pack of 6",
 * "3-seater", "100 bags", "24 colours" are removed before the words are read.
 */
export function stripQuantities(text: string): string {
  return fold(text)
    .replace(new RegExp(String.raw`\b${NUMBER}\s*["'”]?\s*[x×]\s*${NUMBER}\s*(?:[a-z]{1,4}\b)?(?:\s*[x×]\s*${NUMBER}\s*(?:[a-z]{1,4}\b)?)?`, 'g'), ' ')
    .replace(new RegExp(String.raw`\b(?:pack|set|box|case|bag|pair|roll|tub|bundle|carton|tin|jar|bottle|crate|tray|bunch|sleeve|tube|pot)s?\s+of\s+${NUMBER}\b`, 'g'), ' ')
    .replace(/\b\d+(?:[.,]\d+)?-[a-z]+\b/g, ' ')
    .replace(new RegExp(String.raw`(\bof\s+)?\b${NUMBER}\s+([a-z]+)\b`, 'g'), (match, of: string | undefined, word: string) =>
      // "Nest of three tables" names tables; "tea, 100 bags" counts them.
      of === undefined && isCountNoun(word) ? ' ' : match,
    );
}

function isCountNoun(word: string): boolean {
  if (COUNT_WORDS.has(word)) return true;
  // A plural after a number counts what is in the pack: "100 bags", "12 pads", "3 tiers".
  return word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word);
}

/** Reads a product title: its main part, head noun, qualifying tail and whether it names an accessory. */
/**
 * Words that make one adjective with a following "in" or "on": "check in suitcase", "plug in air
 * freshener", "built in oven", "slip on shoes", "all in one printer". There the title has not yet
 * started to qualify.
 */
const PARTICLE_WORDS = new Set([
  'check', 'plug', 'built', 'slip', 'pull', 'clip', 'add', 'roll', 'stick', 'walk', 'drop', 'tuck', 'lace', 'press',
  'screw', 'bolt', 'pop', 'sit', 'ride', 'lean', 'wrap', 'step', 'one', 'all', 'spray', 'iron', 'sew', 'glue', 'snap',
  'log', 'wall', 'drive', 'leave', 'tie', 'strap', 'hook', 'put', 'slide', 'stand', 'wash',
]);

/** Where the name starts to qualify: the first qualifier that is not part of a word like "check in". */
function qualifierCut(text: string): number {
  const pattern = new RegExp(QUALIFIER.source, 'gi');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const particle = /^\s*(?:in|on)\s$/i.test(match[0]);
    const before = /([a-z]+)$/i.exec(text.slice(0, match.index))?.[1]?.toLowerCase();
    if (!(particle && before !== undefined && PARTICLE_WORDS.has(before))) return match.index;
  }
  return -1;
}

export function parseTitle(name: string): ParsedTitle {
  const trimmed = name.trim();
  const cut = qualifierCut(trimmed);
  const mainText = cut > 0 ? trimmed.slice(0, cut) : trimmed;
  const tailText = cut > 0 ? trimmed.slice(cut) : '';
  // "Guitar starter pack", "beginner's kit": a set of the thing, not a starter.
  const main = tokens(stripQuantities(mainText).replace(STARTER_SET, ' set '));
  const tail = tokens(stripQuantities(tailText));
  const rawWords = words(trimmed);
  const accessoryCue = rawWords.some((word) => ACCESSORY_WORDS.has(word)) || ACCESSORY_QUALIFIER.test(` ${trimmed} `);
  const lastCompound = /([a-z0-9]+(?:-[a-z0-9]+)+)\s*$/.exec(stripQuantities(mainText).trim())?.[1];
  const saysSet = rawWords.some((word) => SET_WORDS.has(word)) || STARTER_SET.test(fold(trimmed));
  STARTER_SET.lastIndex = 0;
  return { main, heads: headsOf(main), tail, accessoryCue, headCompound: lastCompound?.replace(/-/g, ''), saysSet };
}

/** Adjectives a title may end with after the noun: "Action Camera Waterproof", "Mouse Wireless". */
const TRAILING_ADJECTIVES = new Set([
  'portable', 'rechargeable', 'foldable', 'adjustable', 'washable', 'reusable', 'disposable', 'breathable', 'stackable',
  'expandable', 'extendable', 'retractable', 'collapsible', 'flexible', 'compatible', 'cordless', 'wireless', 'waterproof',
  'windproof', 'stainless', 'seamless', 'shockproof', 'fireproof', 'lightweight', 'heavy', 'duty',
]);

function headsOf(main: readonly string[]): ParsedTitle['heads'] {
  if (main.length > 1 && TRAILING_ADJECTIVES.has(main.at(-1)!)) return headsOf(main.slice(0, -1));
  const last = main.at(-1);
  if (last === undefined) return [];
  const previous = main.at(-2);
  const isForm = FORM_NOUNS.has(last) || (last === 'bag' && previous !== undefined && BAG_CONTENTS.has(previous));
  if (previous !== undefined && isForm) return [{ token: previous, weight: 1 }, { token: last, weight: 0.6 }];
  return [{ token: last, weight: 1 }];
}

/**
 * What a product is made of. Before the head noun a material says what the thing is made of, not
 * what it is: a "ceramic dinner set" is dinnerware, not a ceramic glaze, a "leather bound bible" a
 * book, a "rattan sofa" a sofa. As the head ("faux leather", "cotton fabric") it still names the thing.
 */
export const MATERIALS = new Set(
  [
    'leather', 'vinyl', 'cotton', 'wool', 'woollen', 'linen', 'silk', 'satin', 'velvet', 'suede', 'denim', 'fleece',
    'polyester', 'nylon', 'acrylic', 'ceramic', 'porcelain', 'stoneware', 'glass', 'crystal', 'rattan', 'wicker',
    'bamboo', 'wooden', 'wood', 'oak', 'pine', 'metal', 'steel', 'iron', 'aluminum', 'brass', 'copper', 'chrome',
    'plastic', 'rubber', 'latex', 'nitrile', 'silicone', 'fabric', 'canvas', 'faux', 'marble', 'stone', 'concrete',
    'paper', 'cardboard', 'foam', 'mesh', 'cashmere', 'merino', 'jute', 'hemp', 'enamel', 'resin', 'felt',
  ].map((word) => stem(word)),
);

/** Content tokens of keywords or a description, quantities removed. */
export function textTokens(text: string): string[] {
  return tokens(stripQuantities(text));
}

export { isContentWord, stem };
