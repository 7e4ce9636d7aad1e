import { OpenAiProvider } from '@bodega/ai';
import { replies, startFakeOpenAi, type FakeOpenAi } from '@bodega/testing/fake-openai';
import { ingestDocument } from '../src/services/documents';
import { searchChunks } from '../src/services/search';
import { startRagHarness, type RagHarness } from './support';

describe('ingesting with OpenAI embeddings (the SDK against a local fake)', () => {
  let fake: FakeOpenAi;
  let h: RagHarness;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const ai = new OpenAiProvider({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'gpt-test',
      embeddingModel: 'text-embedding-test',
      retry: { retries: 0 },
      breaker: { failureThreshold: 100 },
    });
    h = await startRagHarness({ ai });
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await h.close();
    await fake.close();
  });

  it('stores the model’s vectors and searches them', async () => {
    fake.setFallback(replies.embeddings(8));
    const document = await ingestDocument(h.staff, { title: 'Tiny', content: 'A short note about kettles.' });
    expect(await h.settled(document.id)).toMatchObject({ status: 'READY', chunkCount: 1 });
    expect(fake.requests.filter((r) => r.path === '/embeddings')[0]?.body).toMatchObject({ model: 'text-embedding-test' });
    const version = await h.prisma.documentVersion.findFirstOrThrow({ where: { documentId: document.id } });
    expect(version.embeddingModel).toBe('text-embedding-test');
    expect(h.runtime.index.size).toBe(1);
    const hits = await searchChunks(h.customer, { query: 'kettles' }, 'VECTOR');
    expect(hits).toHaveLength(1);
  });

  it('retries a passing failure of the embedding service, then finishes', async () => {
    fake.enqueue(replies.status(503));
    fake.setFallback(replies.embeddings(8));
    const document = await ingestDocument(h.staff, { title: 'Retry me', content: 'Another short note, about toasters.' });
    expect(await h.settled(document.id, 20_000)).toMatchObject({ status: 'READY' });
    const job = await h.prisma.ingestJob.findFirstOrThrow({ where: { documentId: document.id } });
    expect(job.attempts).toBe(2);
    expect(job.lastError).toBeNull();
  }, 30_000);

  it('fails a document the embedding service refuses, saying what to check', async () => {
    fake.setFallback(replies.status(400, { message: 'model not found' }));
    const document = await ingestDocument(h.staff, { title: 'Refused', content: 'A note the server refuses to embed.' });
    const failed = await h.settled(document.id);
    expect(failed).toMatchObject({ status: 'FAILED', stage: null, servingVersion: null });
    expect(failed.failureReason).toMatch(/refused the chunks.*OPENAI_EMBEDDING_MODEL.*re-ingest/i);
    expect(failed.progress).toBeGreaterThan(0);
    // Re-ingesting the same content after a failure tries again (it is not a no-op).
    fake.setFallback(replies.embeddings(8));
    const again = await ingestDocument(h.staff, { title: 'Refused', content: 'A note the server refuses to embed.' });
    expect(again.version).toBe(2);
    expect(await h.settled(document.id)).toMatchObject({ status: 'READY', servingVersion: 2 });
  });
});
