import { countTokens } from './tokens';

/** A piece of a text: text.slice(start, end). */
export interface Span {
  start: number;
  end: number;
}

// Words that end in a full stop without ending the sentence.
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'approx', 'incl', 'excl', 'min', 'max',
  'ca', 'fig', 'dept', 'est', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'ref', 'tel', 'ext', 'art', 'sec', 'vol', 'pp', 'p',
]);

// End punctuation, closing quotes or brackets, then whitespace or the end.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s|$)/g;

/**
 * The sentences of `text[start, end)`, as spans that cover it without its surrounding whitespace.
 * A full stop ends a sentence unless it follows an abbreviation or an initial, or the next word
 * starts in lower case.
 */
export function sentenceSpans(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  const part = text.slice(start, end);
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(part); match; match = BOUNDARY.exec(part)) {
    const stop = match.index + match[0].length;
    if (!endsSentence(part, match.index, stop)) continue;
    pushTrimmed(spans, part, from, stop, start);
    from = stop;
  }
  pushTrimmed(spans, part, from, part.length, start);
  return spans;
}

function endsSentence(text: string, at: number, stop: number): boolean {
  if (text[at] === '.') {
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1]?.toLowerCase() ?? '';
    if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) return false;
  }
  const next = /\S/.exec(text.slice(stop));
  if (!next) return true;
  return !/[\p{Ll},;:]/u.test(next[0]);
}

function pushTrimmed(spans: Span[], text: string, from: number, to: number, offset: number): void {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(text[a]!)) a += 1;
  while (b > a && /\s/.test(text[b - 1]!)) b -= 1;
  if (b > a) spans.push({ start: offset + a, end: offset + b });
}

/** A span cut at whitespace into pieces of at most `maxTokens` (for a sentence that alone is too long). */
export function splitLongSpan(text: string, span: Span, maxTokens: number): Span[] {
  if (countTokens(text.slice(span.start, span.end)) <= maxTokens) return [span];
  const pieces: Span[] = [];
  const word = /\S+/g;
  word.lastIndex = span.start;
  let pieceStart = -1;
  let pieceEnd = -1;
  let tokens = 0;
  for (let match = word.exec(text); match && match.index < span.end; match = word.exec(text)) {
    const wordEnd = Math.min(match.index + match[0].length, span.end);
    const wordTokens = countTokens(match[0]);
    if (pieceStart >= 0 && tokens + wordTokens > maxTokens) {
      pieces.push({ start: pieceStart, end: pieceEnd });
      pieceStart = -1;
      tokens = 0;
    }
    if (pieceStart < 0) pieceStart = match.index;
    pieceEnd = wordEnd;
    tokens += wordTokens;
  }
  if (pieceStart >= 0) pieces.push({ start: pieceStart, end: pieceEnd });
  return pieces;
}
