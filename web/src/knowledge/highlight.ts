/** A piece of a text, and whether it matches one of the searched words. */
export interface TextPart {
  text: string;
  match: boolean;
}

/** Words too common to be worth marking (the server leaves them out of the search too). */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from has have how i if in is it its me my no not of on or so that the their there this to was what when where which who why will with you your'.split(' '),
);

/** The searched words worth marking: lowercase, three letters or more, no stop words. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 3 && !STOP_WORDS.has(word)))];
}

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'es', 'ed', 's', 'y'];

/** A rough English stem, so "returns" marks "returned" and "delivery" marks "delivered". */
function stem(word: string): string {
  const suffix = SUFFIXES.find((ending) => word.endsWith(ending) && word.length - ending.length >= 3);
  return suffix ? word.slice(0, -suffix.length) : word;
}

/**
 * The text cut into plain and matching parts: a word matches when it shares its stem with one of
 * the searched words. Plain strings only; the caller renders them as text (React escapes them).
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const stems = searchTerms(query).map(stem);
  if (stems.length === 0) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += piece;
    else parts.push({ text: piece, match });
  };
  let at = 0;
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = found[0];
    const lower = word.toLowerCase();
    const match = lower.length >= 3 && stems.some((s) => stem(lower) === s || (s.length >= 4 && lower.startsWith(s)));
    push(text.slice(at, found.index), false);
    push(word, match);
    at = found.index + word.length;
  }
  push(text.slice(at), false);
  return parts;
}
