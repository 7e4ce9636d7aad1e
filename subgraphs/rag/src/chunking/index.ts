import { markdownBlocks, plainTextBlocks } from './blocks';
import { DEFAULT_CHUNKING, packBlocks, type ChunkDraft, type ChunkingOptions } from './pack';

export { DEFAULT_CHUNKING, type ChunkDraft, type ChunkingOptions } from './pack';
export { countTokens } from './tokens';
export { sentenceSpans, type Span } from './sentences';

/**
 * Chunks a version's content: Markdown by its headings (HTML arrives here as Markdown), plain text
 * by paragraph, then sentence.
 */
export function chunkContent(content: string, format: 'markdown' | 'plain', options: ChunkingOptions = DEFAULT_CHUNKING): ChunkDraft[] {
  const blocks = format === 'markdown' ? markdownBlocks(content) : plainTextBlocks(content);
  return packBlocks(content, blocks, options);
}
