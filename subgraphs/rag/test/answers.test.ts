import { createLocalProvider, OpenAiProvider, type AiProvider } from '@bodega/ai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replies, startFakeOpenAi, type FakeOpenAi, type RecordedRequest } from '@bodega/testing/fake-openai';
import { answerQuestion, NOT_COVERED } from '../src/services/answer';
import { ingestDocument } from '../src/services/documents';
import { startRagHarness, type RagHarness } from './support';

const CORPUS = join(__dirname, '..', 'eval', 'corpus');

async function ingestCorpus(h: RagHarness, files: Array<[string, string, string]>) {
  for (const [file, title, mimeType] of files) {
    const document = await ingestDocument(h.staff, { title, content: await readFile(join(CORPUS, file), 'utf8'), mimeType });
    await h.settled(document.id);
  }
}

const FILES: Array<[string, string, string]> = [
  ['shipping.md', 'Shipping and delivery', 'text/markdown'],
  ['returns.md', 'Returns policy', 'text/markdown'],
  ['refunds.md', 'Refunds and exchanges', 'text/markdown'],
  ['warranty.md', 'Warranty and guarantees', 'text/markdown'],
  ['payments.html', 'Payment methods', 'text/html'],
  ['click-collect.md', 'Click and collect', 'text/markdown'],
  ['barista-pro.md', 'Bodega Barista Pro espresso machine', 'text/markdown'],
];

describe('answers without a model (extractive)', () => {
  let h: RagHarness;
  beforeAll(async () => {
    h = await startRagHarness();
    await ingestCorpus(h, FILES);
    const internal = await ingestDocument(h.staff, {
      title: 'Refund approvals (staff)',
      content: 'Refunds over 500 euros for returned espresso machines need a manager’s approval in the back office.',
      visibility: 'INTERNAL',
    });
    await h.settled(internal.id);
  });
  afterAll(async () => {
    await h.close();
  });

  it('quotes the best sentences exactly, from the document that answers', async () => {
    const answer = await answerQuestion(h.customer, { question: 'How long do I have to send something back?' });
    expect(answer).toMatchObject({ grounded: true, source: 'EXTRACTIVE' });
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) expect(citation.chunk.text).toContain(citation.quote);
    expect(answer.text).toContain('30 days');
    const titles = await h.prisma.document.findMany({ where: { id: { in: answer.citations.map((c) => c.documentId) } } });
    expect(titles.map((d) => d.title)).toContain('Returns policy');
  });

  it('says the documents do not cover a question they do not, with no citations', async () => {
    const answer = await answerQuestion(h.customer, { question: 'Can I book a table for dinner at your café?' });
    expect(answer).toEqual({ text: NOT_COVERED, grounded: false, citations: [], evidence: expect.any(Number), source: 'NONE' });
  });

  it('never answers a customer or an anonymous caller from an INTERNAL document, but answers staff from it', async () => {
    const question = 'Who has to approve a refund over 500 euros for an espresso machine?';
    for (const caller of [h.customer, h.anonymous]) {
      const answer = await answerQuestion(caller, { question });
      expect(answer.text).not.toMatch(/manager|back office/);
      const internal = await h.prisma.document.findFirstOrThrow({ where: { visibility: 'INTERNAL' } });
      expect(answer.citations.map((citation) => citation.documentId)).not.toContain(internal.id);
    }
    const staff = await answerQuestion(h.staff, { question });
    expect(staff.text).toMatch(/manager/);
  });

  it('refuses an empty question as BAD_USER_INPUT', async () => {
    await expect(answerQuestion(h.customer, { question: '  ' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'question' } });
  });
});

/** OpenAI's SDK against the fake server for the answer; local embeddings, so retrieval is the same as above. */
function modelProvider(fake: FakeOpenAi): AiProvider {
  const openai = new OpenAiProvider({ apiKey: 'test-key', baseURL: fake.url, model: 'gpt-test', embeddingModel: 'unused', retry: { retries: 0 } });
  const local = createLocalProvider();
  return { name: 'openai', model: openai.model, embeddingModel: local.embeddingModel, generate: (r) => openai.generate(r), embed: (t) => local.embed(t) };
}

function excerptsOf(request: RecordedRequest): string[] {
  const prompt: string = request.body.messages.find((m: { role: string }) => m.role === 'user').content;
  return prompt.split(/\n\n(?=\[\d+\] )/).slice(1).map((part) => part.replace(/^\[\d+\] [^\n]*\n/, ''));
}

describe('answers with a model (OpenAI SDK against a local fake)', () => {
  let h: RagHarness;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    h = await startRagHarness({ ai: modelProvider(fake) });
    await ingestCorpus(h, FILES);
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await h.close();
    await fake.close();
  });

  const question = 'How much does express delivery cost?';

  it('sends the retrieved chunks in one structured call and keeps the quotes found in them', async () => {
    fake.setFallback((request) => {
      const excerpt = excerptsOf(request).findIndex((text) => text.includes('| Express | €9.95'));
      return replies.answer({
        grounded: true,
        answer: 'Express delivery costs €9.95.',
        citations: [
          { excerpt: excerpt + 1, quote: '| Express | €9.95 | never free |' },
          { excerpt: 1, quote: 'Express delivery is always free for members.' },
        ],
      })(request);
    });
    const answer = await answerQuestion(h.customer, { question });
    expect(fake.chatRequests()).toHaveLength(1);
    const request = fake.chatRequests()[0]!;
    expect(request.body.response_format.json_schema.name).toBe('grounded_answer');
    expect(answer).toMatchObject({ grounded: true, source: 'MODEL', text: 'Express delivery costs €9.95.' });
    expect(answer.citations.map((c) => c.quote)).toEqual(['| Express | €9.95 | never free |']);
    for (const citation of answer.citations) expect(citation.chunk.text).toContain(citation.quote);
  });

  it('repairs a quote copied with other whitespace or quote marks into the exact text, and drops one not in its excerpt', async () => {
    fake.setFallback((request) => {
      const excerpts = excerptsOf(request);
      const at = excerpts.findIndex((text) => text.includes('Express delivery arrives the next'));
      return replies.answer({
        grounded: true,
        answer: 'Express arrives the next working day if you order before 14:00.',
        citations: [
          { excerpt: at + 1, quote: 'Express delivery arrives the next working day when you order before 14:00' },
          { excerpt: at + 1, quote: 'Express delivery arrives within the hour.' },
        ],
      })(request);
    });
    const answer = await answerQuestion(h.customer, { question: 'When does express delivery arrive?' });
    expect(answer.source).toBe('MODEL');
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]!.quote).toBe('Express delivery arrives the next\nworking day when you order before 14:00');
    expect(answer.citations[0]!.chunk.text).toContain(answer.citations[0]!.quote);
  });

  it('replaces an answer that states a figure no quote contains with the quoted sentences', async () => {
    fake.setFallback((request) => {
      const at = excerptsOf(request).findIndex((text) => text.includes('| Express | €9.95'));
      return replies.answer({ grounded: true, answer: 'Express costs €7.50.', citations: [{ excerpt: at + 1, quote: '| Express | €9.95 | never free |' }] })(request);
    });
    const answer = await answerQuestion(h.customer, { question });
    expect(answer.source).toBe('EXTRACTIVE');
    expect(answer.text).not.toContain('7.50');
    for (const citation of answer.citations) expect(citation.chunk.text).toContain(citation.quote);
  });

  it('is not grounded when the model says the excerpts do not answer', async () => {
    fake.setFallback(replies.answer({ grounded: false, answer: '', citations: [] }));
    const answer = await answerQuestion(h.customer, { question });
    expect(answer).toMatchObject({ grounded: false, text: NOT_COVERED, citations: [] });
  });

  it('does not call the model at all when the evidence is too weak', async () => {
    const answer = await answerQuestion(h.customer, { question: 'Can I rent a bicycle for the weekend?' });
    expect(answer.grounded).toBe(false);
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it('answers with quotes when the model is down', async () => {
    fake.setFallback(replies.status(503));
    const answer = await answerQuestion(h.customer, { question });
    expect(answer).toMatchObject({ grounded: true, source: 'EXTRACTIVE' });
    expect(answer.text).toMatch(/9\.95/);
  });
});
