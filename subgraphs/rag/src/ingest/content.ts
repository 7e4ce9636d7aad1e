import { createHash } from 'node:crypto';
import { badUserInput } from '@bodega/errors';
import { htmlToMarkdown, stripMarkup } from './sanitize';

export const MIME_TYPES = ['text/plain', 'text/markdown', 'text/html'] as const;
export type MimeType = (typeof MIME_TYPES)[number];

/** A document's size limit, in UTF-8 bytes: under the gateway's 1 MiB request limit, with room to spare. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

const ALIASES: Record<string, MimeType> = {
  'text/plain': 'text/plain',
  'text/markdown': 'text/markdown',
  'text/x-markdown': 'text/markdown',
  'text/html': 'text/html',
  'application/xhtml+xml': 'text/html',
};

/** What the ingest pipeline chunks, and the hash that tells a re-ingest of the same content. */
export interface PreparedContent {
  mimeType: MimeType;
  /** Markdown for text/html and text/markdown, plain text otherwise; no markup anywhere. */
  text: string;
  format: 'markdown' | 'plain';
  contentHash: string;
}

/**
 * Checks and cleans what a user sent: a supported type (parameters such as charset ignored; sniffed
 * when missing), not empty, not over MAX_DOCUMENT_BYTES. HTML is sanitised and becomes Markdown;
 * markup written into Markdown or plain text is removed. Throws BAD_USER_INPUT naming the field.
 */
export function prepareContent(content: string, mimeType: string | null | undefined, limitBytes = MAX_DOCUMENT_BYTES): PreparedContent {
  const type = mimeType ? normaliseMimeType(mimeType) : sniffMimeType(content);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > limitBytes) {
    throw badUserInput(
      `input.content: the document is ${kib(bytes)}; the limit is ${kib(limitBytes)}. Split it into several documents.`,
      'input.content',
    );
  }
  if (content.trim() === '') throw badUserInput('input.content: the document is empty.', 'input.content');
  const text = normaliseText(type === 'text/html' ? htmlToMarkdown(content) : stripMarkup(content));
  if (text === '') {
    throw badUserInput('input.content: nothing readable is left once markup and scripts are removed.', 'input.content');
  }
  const contentHash = createHash('sha256').update(`${type}\n${text}`).digest('hex');
  return { mimeType: type, text, format: type === 'text/plain' ? 'plain' : 'markdown', contentHash };
}

function normaliseMimeType(value: string): MimeType {
  const base = value.split(';')[0]!.trim().toLowerCase();
  const type = ALIASES[base];
  if (!type) {
    throw badUserInput(
      `input.mimeType: "${value.slice(0, 100)}" is not supported; send text/plain, text/markdown or text/html ` +
        '(convert PDF or Word files to one of these first).',
      'input.mimeType',
    );
  }
  return type;
}

/** Without a type: HTML if it opens like a page or is mostly block tags, Markdown if it has headings, else plain text. */
function sniffMimeType(content: string): MimeType {
  const head = content.trimStart().slice(0, 500).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(?:p|div|h[1-6]|ul|ol|table|section|article|body)\b/.test(head)) {
    return 'text/html';
  }
  return /^ {0,3}#{1,6} \S/m.test(content) ? 'text/markdown' : 'text/plain';
}

/** Unix newlines, no trailing spaces, at most one blank line in a row, no outer blank lines. */
function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}
