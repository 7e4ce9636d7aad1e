import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';

/**
 * The only HTML that reaches the Markdown converter: structure and text. No images, media,
 * forms, frames, SVG/MathML, styles or scripts; links keep http(s) and mailto only.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'sub', 'sup', 'small', 'mark',
    'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'div', 'span', 'section', 'article',
    'main', 'header', 'footer', 'figure', 'figcaption', 'abbr', 'address', 'time',
  ],
  allowedAttributes: { a: ['href', 'title'], abbr: ['title'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Dropped with everything inside them, not just unwrapped.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'select', 'title', 'head', 'nav', 'aside', 'button'],
  disallowedTagsMode: 'discard',
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', hr: '---' });
// Tables as GitHub Markdown rows, so a row's cells stay on one line (and in one chunk).
const cellText = (content: string) => content.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
turndown.addRule('tableCell', { filter: ['th', 'td'], replacement: (content) => ` ${cellText(content)} |` });
turndown.addRule('tableRow', {
  filter: 'tr',
  replacement: (content, node) => {
    const row = `|${content}\n`;
    const isFirst = !(node as { previousElementSibling?: unknown }).previousElementSibling;
    const cells = (node as { childNodes: { length: number } }).childNodes.length;
    const parent = (node as { parentNode?: { nodeName?: string; previousElementSibling?: unknown } }).parentNode;
    const firstOfTable = isFirst && (parent?.nodeName !== 'TBODY' || !parent.previousElementSibling);
    return firstOfTable ? `${row}|${' --- |'.repeat(cells)}\n` : row;
  },
});
turndown.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
turndown.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });

/**
 * HTML as sanitised Markdown: an allowlist first (sanitize-html), then Markdown (turndown), then
 * `stripMarkup` over the result, because text the sanitiser kept escaped ("&lt;script&gt;") comes
 * out of the converter as literal markup.
 */
export function htmlToMarkdown(html: string): string {
  const clean = sanitizeHtml(html, ALLOWED);
  return stripMarkup(turndown.turndown(clean));
}

// An element whose content is code or drawing, written out as text: dropped with its content.
const CODE_ELEMENT = /<(script|style|iframe|frame|svg|math|object|embed|noscript|template|xml)\b[\s\S]*?<\/\1\s*>/gi;
// A tag, a comment or a doctype: "<" then a letter, "/", "!" or "?", to its ">" or the end of its line.
const TAG = /<(?:!--[\s\S]*?(?:-->|$(?![\s\S]))|[a-zA-Z/!?][^<>\n]*(?:>|$))/gm;
// A Markdown link or image to such a scheme: only its text is kept.
const DANGEROUS_LINK = /!?\[([^\]]*)\]\(\s*<?\s*(?:java|vb|live)script\s*:[^)]*\)|!?\[([^\]]*)\]\(\s*<?\s*data\s*:[^)]*\)/gi;
// Schemes that run code or smuggle content when a link is followed.
const DANGEROUS_SCHEME = /\b(?:java|vb|live)script\s*:|\bdata\s*:\s*[a-z]+\/[a-z0-9.+-]+[;,]/gi;
// An event-handler attribute written out in text ("onerror=...").
const EVENT_HANDLER = /\bon[a-z]{3,}\s*=/gi;

/**
 * Text with no markup a renderer could run: tags, comments, script-running URL schemes and
 * handler attributes are removed (Markdown and plain text keep everything else as written).
 * Applied to every document, whatever its type: a knowledge base stores text, not markup.
 */
export function stripMarkup(text: string): string {
  let previous: string;
  let current = text;
  // Removing one piece can join two others into a new one ("<scr<script>ipt>"): repeat until stable.
  do {
    previous = current;
    current = current.replace(CODE_ELEMENT, '').replace(TAG, '').replace(DANGEROUS_LINK, (_, a, b) => a ?? b ?? '').replace(DANGEROUS_SCHEME, '').replace(EVENT_HANDLER, '');
  } while (current !== previous);
  return current;
}
