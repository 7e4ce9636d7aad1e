/** What the server ingests, by file name ending. */
const BY_EXTENSION: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
};

export const ACCEPTED_FILES = '.md,.markdown,.txt,.html,.htm,text/markdown,text/plain,text/html';

/** The MIME type to send for a file, or null for one the knowledge base does not take. */
export function mimeTypeOf(file: { name: string; type: string }): string | null {
  const extension = file.name.toLowerCase().split('.').at(-1) ?? '';
  if (BY_EXTENSION[extension]) return BY_EXTENSION[extension]!;
  return Object.values(BY_EXTENSION).includes(file.type) ? file.type : null;
}

/** A title from a file name: "returns-policy.md" → "returns policy". */
export function titleOf(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim() || fileName;
}
