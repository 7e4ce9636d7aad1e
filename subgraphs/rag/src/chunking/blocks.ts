import type { Span } from './sentences';

/** A paragraph, list item, table row, quote or code fence, with the section it sits in. */
export interface Block extends Span {
  /** Code fences and table rows are never split; prose is split into sentences when it must be. */
  kind: 'prose' | 'atomic';
  /** Headings above the block, outermost first. */
  headingPath: string[];
  /** Which top-level section it is in: no chunk holds blocks of two. */
  topSection: number;
  /** Which section at any level it is in (its nearest heading). */
  section: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const TABLE_ROW = /^ {0,3}\|/;
const BLANK = /^[ \t]*$/;

interface Line {
  text: string;
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), start, end: start + raw.replace(/\r$/, '').length });
    start += raw.length + 1;
  }
  return lines;
}

interface Heading {
  level: number;
  title: string;
  line: number;
  /** The underline of a setext heading. */
  lines: number;
}

/** ATX headings ("## Returns") and setext ones ("Returns" over "===="), outside code fences. */
function findHeadings(lines: Line[]): Map<number, Heading> {
  const headings = new Map<number, Heading>();
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    const fenceMatch = FENCE.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    const atx = ATX_HEADING.exec(text);
    if (atx) {
      headings.set(i, { level: atx[1]!.length, title: (atx[2] ?? '').trim(), line: i, lines: 1 });
      continue;
    }
    const next = lines[i + 1]?.text;
    const previous = lines[i - 1]?.text;
    if (next !== undefined && SETEXT_UNDERLINE.test(next) && !BLANK.test(text) && (previous === undefined || BLANK.test(previous))) {
      if (LIST_ITEM.test(text) || TABLE_ROW.test(text)) continue;
      headings.set(i, { level: next.trim().startsWith('=') ? 1 : 2, title: text.trim(), line: i, lines: 2 });
    }
  }
  return headings;
}

/**
 * The level whose headings split the document into its top-level sections: the shallowest level
 * used, unless that is a single title heading at the top, in which case the next level down.
 */
function topLevelOf(headings: Heading[]): number {
  const levels = [...new Set(headings.map((heading) => heading.level))].sort((a, b) => a - b);
  const [shallowest, next] = levels;
  if (shallowest === undefined) return 1;
  const atShallowest = headings.filter((heading) => heading.level === shallowest);
  return atShallowest.length === 1 && next !== undefined && headings[0]?.level === shallowest ? next : shallowest;
}

/** Markdown as blocks, each with the heading path it sits under. Headings themselves are not blocks. */
export function markdownBlocks(text: string): Block[] {
  const lines = linesOf(text);
  const headings = findHeadings(lines);
  const topLevel = topLevelOf([...headings.values()]);
  const blocks: Block[] = [];
  const path: Heading[] = [];
  let topSection = 0;
  let section = 0;
  const push = (kind: Block['kind'], first: Line, last: Line) => {
    blocks.push({ kind, start: first.start, end: last.end, headingPath: path.map((h) => h.title).filter(Boolean), topSection, section });
  };

  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const heading = headings.get(i);
    if (heading) {
      while (path.length && path[path.length - 1]!.level >= heading.level) path.pop();
      path.push(heading);
      section += 1;
      if (heading.level <= topLevel) topSection += 1;
      i += heading.lines;
      continue;
    }
    if (BLANK.test(line.text)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line.text);
    if (fence) {
      let j = i + 1;
      while (j < lines.length) {
        const closing = FENCE.exec(lines[j]!.text);
        if (closing && closing[1]![0] === fence[1]![0] && closing[1]!.length >= fence[1]!.length) break;
        j += 1;
      }
      const last = lines[Math.min(j, lines.length - 1)]!;
      push('atomic', line, last);
      i = j + 1;
      continue;
    }
    if (TABLE_ROW.test(line.text)) {
      push('atomic', line, line);
      i += 1;
      continue;
    }
    // A paragraph or a list item: up to a blank line, a heading, a fence, a table or the next item.
    let j = i + 1;
    while (
      j < lines.length &&
      !BLANK.test(lines[j]!.text) &&
      !headings.has(j) &&
      !FENCE.test(lines[j]!.text) &&
      !TABLE_ROW.test(lines[j]!.text) &&
      !LIST_ITEM.test(lines[j]!.text)
    ) {
      j += 1;
    }
    push('prose', line, lines[j - 1]!);
    i = j;
  }
  return blocks;
}

/** Plain text as paragraphs (separated by blank lines); no headings. */
export function plainTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const paragraph = /\S[\s\S]*?(?=\n[ \t]*\r?\n|$(?![\s\S]))/g;
  for (let match = paragraph.exec(text); match; match = paragraph.exec(text)) {
    let end = match.index + match[0].length;
    while (end > match.index && /\s/.test(text[end - 1]!)) end -= 1;
    blocks.push({ kind: 'prose', start: match.index, end, headingPath: [], topSection: 0, section: 0 });
  }
  return blocks;
}
