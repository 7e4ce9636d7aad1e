/** Where a quote sits in the text it cites, as an exact substring. */
export interface Located {
  start: number;
  end: number;
  /** text.slice(start, end): what the citation will say. */
  quote: string;
}

const FOLD: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '\u00a0': ' ' };

function folded(text: string): { text: string; map: number[] } {
  // One character per source character (whitespace runs collapsed to one space), with where each came from.
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = FOLD[text[i]!] ?? text[i]!;
    if (/\s/.test(ch)) {
      if (out.endsWith(' ')) continue;
      out += ' ';
    } else {
      out += ch.toLowerCase();
    }
    map.push(i);
  }
  return { text: out, map };
}

/**
 * The exact substring of `text` that `quote` copies: as is, or after forgiving what models change
 * when they copy (whitespace, curly quotes and dashes, case, a trailing full stop or ellipsis). Null
 * when the text does not contain it: such a quote is dropped, never shown.
 */
export function locateQuote(text: string, quote: string): Located | null {
  const trimmed = quote.trim().replace(/^["'“‘]+|["'”’]+$/g, '').replace(/(?:\.\.\.|…)$/, '').trim();
  if (trimmed.length < 8) return null;
  const exact = text.indexOf(trimmed);
  if (exact >= 0) return { start: exact, end: exact + trimmed.length, quote: trimmed };
  const source = folded(text);
  const wanted = folded(trimmed).text.trim();
  const at = source.text.indexOf(wanted);
  if (at < 0) return null;
  const start = source.map[at]!;
  const end = source.map[at + wanted.length - 1]! + 1;
  return { start, end, quote: text.slice(start, end) };
}

// A figure: digits, with their decimal or thousands separators ("4.95", "1,500", "30").
const FIGURE = /\d+(?:[.,]\d+)*/g;

/** The figures an answer states that none of its quotes contains (each must come from a quote). */
export function unsupportedFigures(answer: string, quotes: readonly string[]): string[] {
  const quoted = new Set(quotes.flatMap((quote) => (quote.match(FIGURE) ?? []).map(normaliseFigure)));
  return [...new Set((answer.match(FIGURE) ?? []).map(normaliseFigure))].filter((figure) => !quoted.has(figure));
}

function normaliseFigure(figure: string): string {
  return figure.replace(/,(?=\d{3}\b)/g, '').replace(',', '.');
}
