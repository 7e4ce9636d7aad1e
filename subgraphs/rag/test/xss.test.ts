import { answerQuestion } from '../src/services/answer';
import { ingestDocument } from '../src/services/documents';
import { listChunks } from '../src/services/chunks';
import { searchChunks } from '../src/services/search';
import { startRagHarness, type RagHarness } from './support';

/** Script, on* handlers, javascript: and data: URLs, SVG, MathML, frames, forms, and parser tricks. */
const HTML_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<svg onload=alert(1)><circle r="1"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">click me</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href="jav&#x09;ascript:alert(1)">entity tab</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
  '<div onclick="alert(1)">div handler</div>',
  '<body onload=alert(1)>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>toggle</details>',
  '<video><source onerror="alert(1)"></video>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>Send</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<img src=x onerror=alert(1)>-->',
  '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
];

const MARKDOWN_PAYLOADS = [
  '[click](javascript:alert(1))',
  '![image](javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
];

/**
 * What must never reach stored text, chunks or quotes: any tag, comment or doctype, a handler
 * attribute, a code-running URL, a script's source. (Inert text the parser kept from a broken
 * tag, such as "ipt>alert(1)ipt>" from "<scr<script>ipt>", is text, and renders as text.)
 */
const DANGER = [/<\s*[a-z!/?]/i, /\bon[a-z]+\s*=/i, /(?:java|vb)script\s*:/i, /data\s*:\s*text\/html/i, /evil\.example/i, /srcdoc|xlink/i];

function expectSafe(texts: readonly string[]) {
  for (const text of texts) for (const pattern of DANGER) expect([pattern.source, text]).toEqual([pattern.source, expect.not.stringMatching(pattern)]);
}

describe('sanitising documents', () => {
  let h: RagHarness;
  beforeAll(async () => {
    // Two documents of near-identical sentences make every word common: idf weighs little, so
    // answers need a lower bar than a real corpus does to be grounded (and quoted) here.
    h = await startRagHarness({ settings: { groundingThreshold: 0.2 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it(`lets none of ${HTML_PAYLOADS.length} HTML and ${MARKDOWN_PAYLOADS.length} Markdown XSS payloads into stored text, chunks, search results or quotes`, async () => {
    expect(HTML_PAYLOADS.length).toBeGreaterThanOrEqual(20);
    const html = `<h1>Returns help</h1>${HTML_PAYLOADS.map((payload, i) => `<p>Refund rule ${i + 1}: returned parcels are refunded within five days. ${payload}</p>`).join('\n')}`;
    const markdown = `# Warranty help\n\n${MARKDOWN_PAYLOADS.map((payload, i) => `Warranty rule ${i + 1}: faulty kettles are repaired for free. ${payload}`).join('\n\n')}`;
    const documents = [
      await ingestDocument(h.staff, { title: 'Returns help', content: html, mimeType: 'text/html' }),
      await ingestDocument(h.staff, { title: 'Warranty help', content: markdown, mimeType: 'text/markdown' }),
    ];
    const texts: string[] = [];
    for (const document of documents) {
      expect(await h.settled(document.id)).toMatchObject({ status: 'READY' });
      const version = await h.prisma.documentVersion.findFirstOrThrow({ where: { documentId: document.id } });
      texts.push(version.content);
      const chunks = await listChunks(h.staff, document, { first: 500 });
      texts.push(...chunks.edges.map((edge) => edge.node.text));
    }
    expect(texts.join(' ')).toContain('Refund rule 32');
    expect(texts.join(' ')).toContain('click me');

    for (const query of ['refund rule returned parcels', 'warranty rule faulty kettles repaired', 'click me data link']) {
      texts.push(...(await searchChunks(h.customer, { query, first: 50 })).map((hit) => hit.chunk.text));
    }
    for (const question of ['How fast are returned parcels refunded?', 'Are faulty kettles repaired for free?']) {
      const answer = await answerQuestion(h.customer, { question });
      expect(answer.grounded).toBe(true);
      texts.push(answer.text, ...answer.citations.map((citation) => citation.quote));
    }
    expectSafe(texts);
  });
});
