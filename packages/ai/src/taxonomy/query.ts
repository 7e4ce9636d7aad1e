import type { SynonymMap } from './synonyms';
import { compounds, stem } from './text';
import { MATERIALS, parseTitle, textTokens } from './title';

/** What the categoriser reads about a product. */
export interface ProductText {
  name: string;
  keywords: readonly string[];
  /** The manager's own description, when there is one: weaker evidence than the name. */
  description?: string | null;
}

/** How much each part of a product's text counts. The head noun of the name says most. */
export interface TextWeights {
  head: number;
  name: number;
  qualifier: number;
  keyword: number;
  description: number;
  /** A shop word's taxonomy words weigh this share of the word. */
  synonym: number;
  /** The same for a shop word that is not the head (a modifier, a keyword, a qualifier). */
  modifierSynonym: number;
  /** A head noun that is a shop word counts as itself this much (its taxonomy words count fully). */
  literalHead: number;
  /** A material before the head ("ceramic", "rattan", "leather"): what the thing is made of. */
  material: number;
}

export const DEFAULT_TEXT_WEIGHTS: TextWeights = { head: 1.7, name: 1, qualifier: 0.45, keyword: 0.55, description: 0.3, synonym: 0.9, modifierSynonym: 0.7, literalHead: 0.6, material: 0.45 };

/** A product's text as weighted stemmed tokens. */
export interface Query {
  /** Token → weight: the largest weight it earns anywhere in the text. */
  weights: Map<string, number>;
  /** What the product is: the head noun and its shop-word synonyms, token → weight (1 = the head itself). */
  heads: Map<string, number>;
  /** The name says accessory, part, refill or replacement, or that it is "for" something. */
  accessoryCue: boolean;
  /** Every token of the name and keywords, for "does the title say X". */
  mentioned: Set<string>;
  /** Name tokens, in order (for nearest-example similarity). */
  nameTokens: string[];
  /** Tokens of the part of the name that names the thing, in order. */
  mainTokens: string[];
  /** The title says set, kit or pieces. */
  saysSet: boolean;
}

/** What the query builder asks of the taxonomy. */
export interface Vocabulary {
  synonyms: SynonymMap;
  /** Whether a category name holds the token (for "bath tub" → bathtub). */
  known(token: string): boolean;
  /** The head words among a synonym's taxonomy words: "printer copier paper" → paper. */
  synonymHeads(key: string): readonly string[];
  /** Whether the shop word keeps its own meaning next to the synonym's ("notebook"). */
  additive(key: string): boolean;
}

/**
 * What the taxonomy calls the head noun at `index`: the synonym of the longest term ending there
 * ("lens cap" → Lens Caps before "cap" → Hats), or nothing.
 */
function meaningOf(main: readonly string[], index: number, vocabulary: Vocabulary): readonly string[] {
  for (let length = Math.min(3, index + 1); length >= 1; length--) {
    const heads = vocabulary.synonymHeads(main.slice(index - length + 1, index + 1).join(' '));
    if (heads.length) return heads;
  }
  return [];
}

/** Builds the weighted query. */
export function buildQuery(product: ProductText, vocabulary: Vocabulary, WEIGHT: TextWeights = DEFAULT_TEXT_WEIGHTS): Query {
  const { synonyms, known } = vocabulary;
  const weights = new Map<string, number>();
  const heads = new Map<string, number>();
  const mentioned = new Set<string>();
  const add = (token: string, weight: number) => weights.set(token, Math.max(weights.get(token) ?? 0, weight));
  const addHead = (token: string, weight: number) => heads.set(token, Math.max(heads.get(token) ?? 0, weight));
  // A synonym's own modifiers weigh no more than a modifier of the name: "copy paper" → printer
  // copier paper makes paper the head, not printer.
  // Another meaning of a word ("+" in SHOP_WORDS) counts only where the word is the head noun
  // (below): "canvas tote bag" is not a painting canvas.
  // A shop word that only modifies the head says less than one that names it: "peeler" in "easy
  // peeler oranges" hints at Food Peelers far less than the head "oranges" names Oranges.
  const expand = (key: string, weight: number) => {
    if (vocabulary.additive(key)) return;
    const keyHeads = vocabulary.synonymHeads(key);
    const share = weight > WEIGHT.name ? WEIGHT.synonym : WEIGHT.modifierSynonym;
    for (const token of synonyms.get(key) ?? []) {
      add(token, (keyHeads.includes(token) ? weight : Math.min(weight, WEIGHT.name)) * share);
    }
  };
  const addTokens = (list: readonly string[], weightAt: (index: number) => number, raw: string) => {
    list.forEach((token, index) => {
      add(token, weightAt(index));
      expand(token, weightAt(index));
      const previous = list[index - 1];
      if (previous !== undefined) {
        // A term of two or three words weighs what its last word weighs: "vacuum cleaner"; written
        // as one word it may be the taxonomy's ("bath tub" → bathtub).
        expand(`${previous} ${token}`, weightAt(index));
        const before = list[index - 2];
        if (before !== undefined) expand(`${before} ${previous} ${token}`, weightAt(index));
        const joined = stem(`${previous}${token}`);
        if (known(joined)) add(joined, weightAt(index));
      }
    });
    for (const compound of compounds(raw)) expand(compound, weightAt(list.length - 1));
  };

  const parsed = parseTitle(product.name);
  // A form noun the shop words know with the word before it names the thing after all: "loaf
  // tin" is a bread pan, "kitchen roll" paper towels.
  const form = parsed.heads[1];
  const title =
    form && meaningOf(parsed.main, parsed.main.length - 1, vocabulary).length && !vocabulary.synonymHeads(form.token).length
      ? { ...parsed, heads: [{ token: form.token, weight: 1 }] }
      : parsed;
  const headWeight = new Map(title.heads.map((head) => [head.token, head.weight]));
  addTokens(
    title.main,
    (index) => {
      const token = title.main[index]!;
      const head = headWeight.get(token) ?? 0;
      return head === 0 && MATERIALS.has(token) ? WEIGHT.material : WEIGHT.name + (WEIGHT.head - WEIGHT.name) * head;
    },
    product.name,
  );
  addTokens(title.tail, () => WEIGHT.qualifier, '');
  for (const keyword of product.keywords) {
    const list = textTokens(keyword);
    addTokens(list, () => WEIGHT.keyword, keyword);
    list.forEach((token) => mentioned.add(token));
  }
  if (product.description) addTokens(textTokens(product.description), () => WEIGHT.description, '');

  // A shop word names what shops mean by it: "trainers" are shoes before they are bicycle trainers,
  // so the word's literal matches count less than the taxonomy words it stands for.
  for (const { token, weight } of title.heads) {
    const meant = meaningOf(title.main, title.main.lastIndexOf(token), vocabulary);
    addHead(token, meant.length && !vocabulary.additive(token) ? weight * WEIGHT.literalHead : weight);
    const full = WEIGHT.name + (WEIGHT.head - WEIGHT.name) * weight;
    if (meant.length && !meant.includes(token) && !vocabulary.additive(token)) {
      weights.set(token, Math.min(weights.get(token) ?? 0, full * WEIGHT.literalHead));
    }
    for (const synonym of meant) {
      addHead(synonym, weight);
      add(synonym, full);
    }
  }
  if (title.headCompound) {
    for (const synonym of vocabulary.synonymHeads(title.headCompound)) addHead(synonym, 1);
  }
  [...title.main, ...title.tail].forEach((token) => mentioned.add(token));
  return { weights, heads, accessoryCue: title.accessoryCue, mentioned, nameTokens: [...title.main, ...title.tail], mainTokens: title.main, saysSet: title.saysSet };
}
