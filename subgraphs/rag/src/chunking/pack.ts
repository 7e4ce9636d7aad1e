import type { Block } from './blocks';
import { sentenceSpans, splitLongSpan, type Span } from './sentences';
import { countTokens } from './tokens';

export interface ChunkingOptions {
  /** A chunk's size limit (a code fence or table row larger than this is a chunk of its own). @default 220 */
  maxTokens: number;
  /** Sentences repeated from the end of one chunk at the start of the next, at most. @default 40 */
  overlapTokens: number;
  /** A section smaller than this joins the next one of the same top-level section. @default 40 */
  minTokens: number;
}

export const DEFAULT_CHUNKING: ChunkingOptions = { maxTokens: 220, overlapTokens: 40, minTokens: 40 };

/** One chunk: `text` is exactly `content.slice(startOffset, endOffset)`. */
export interface ChunkDraft {
  ordinal: number;
  text: string;
  headingPath: string[];
  startOffset: number;
  endOffset: number;
  tokenCount: number;
}

interface Unit extends Span {
  tokens: number;
  /** Sentences may be repeated as overlap; code and table rows may not. */
  overlappable: boolean;
  block: Block;
}

function unitsOf(content: string, block: Block, maxTokens: number): Unit[] {
  const spans = block.kind === 'atomic' ? [block] : sentenceSpans(content, block.start, block.end).flatMap((span) => splitLongSpan(content, span, maxTokens));
  return spans.map((span) => ({
    start: span.start,
    end: span.end,
    tokens: countTokens(content.slice(span.start, span.end)),
    overlappable: block.kind === 'prose',
    block,
  }));
}

/**
 * Packs blocks into chunks: whole blocks while they fit, a block's sentences when it does not,
 * never across a top-level section, and across a smaller heading only to fill a chunk under
 * `minTokens`. A chunk cut for size starts the next one with its last sentences (the overlap).
 */
export function packBlocks(content: string, blocks: readonly Block[], options: ChunkingOptions = DEFAULT_CHUNKING): ChunkDraft[] {
  const chunks: ChunkDraft[] = [];
  let current: Unit[] = [];
  const tokensOf = (units: readonly Unit[]) =>
    units.length === 0 ? 0 : countTokens(content.slice(units[0]!.start, units[units.length - 1]!.end));

  const flush = (overlap: boolean) => {
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current[current.length - 1]!;
    chunks.push({
      ordinal: chunks.length,
      text: content.slice(first.start, last.end),
      headingPath: first.block.headingPath,
      startOffset: first.start,
      endOffset: last.end,
      tokenCount: tokensOf(current),
    });
    const carried: Unit[] = [];
    if (overlap) {
      let tokens = 0;
      for (let i = current.length - 1; i > 0; i--) {
        const unit = current[i]!;
        if (!unit.overlappable || unit.block.section !== last.block.section || tokens + unit.tokens > options.overlapTokens) break;
        carried.unshift(unit);
        tokens += unit.tokens;
      }
    }
    current = carried;
  };

  for (const block of blocks) {
    const units = unitsOf(content, block, options.maxTokens);
    const head = current[0]?.block;
    if (head && head.topSection !== block.topSection) flush(false);
    else if (head && current[current.length - 1]!.block.section !== block.section && tokensOf(current) >= options.minTokens) flush(false);
    else if (head && tokensOf(current) >= options.minTokens && tokensOf([...current, ...units]) > options.maxTokens) flush(true);
    for (const unit of units) {
      if (current.length > 0 && tokensOf([...current, unit]) > options.maxTokens) {
        flush(true);
        // The overlap alone may leave no room for this unit.
        if (current.length > 0 && tokensOf([...current, unit]) > options.maxTokens) current = [];
      }
      current.push(unit);
    }
  }
  flush(false);
  return chunks;
}
