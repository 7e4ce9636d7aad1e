import { faker } from '@faker-js/faker';
import { deleteDocument, ingestDocument } from '../src/services/documents';
import { searchChunks } from '../src/services/search';
import { startRagHarness, type RagHarness } from './support';

faker.seed(1403);

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the vector index on every replica', () => {
  let a: RagHarness;
  let b: RagHarness;
  beforeAll(async () => {
    a = await startRagHarness({ redis: true });
    // A second process of the same deployment: same database, its own index, no worker.
    b = await startRagHarness({ redis: true, worker: false, database: a.db });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('is built from Postgres at start, then follows every ingest and delete through Redis', async () => {
    const first = await ingestDocument(a.staff, { title: 'Espresso guide', content: 'Grind espresso beans finely and tamp them firmly.' });
    await a.settled(first.id);
    const chunkIds = (await a.prisma.chunk.findMany({ where: { documentId: first.id } })).map((chunk) => chunk.id);
    await eventually(() => b.runtime.index.size === a.runtime.index.size && a.runtime.index.size > 0);
    const [vector] = await b.runtime.deps.ai.embed(['espresso beans tamp']);
    expect(b.runtime.index.search(vector!, 1)[0]?.chunkId).toBe(chunkIds[0]);
    const hits = await searchChunks(b.customer, { query: 'how fine should espresso be ground' }, 'VECTOR');
    expect(hits[0]?.chunk.documentId).toBe(first.id);

    // A third process started now builds the same index from Postgres.
    const c = await startRagHarness({ redis: true, worker: false, database: a.db });
    try {
      expect(c.runtime.index.size).toBe(a.runtime.index.size);
    } finally {
      await c.close();
    }

    await deleteDocument(a.staff, first.id);
    await eventually(() => b.runtime.index.search(vector!, 10).every((n) => !chunkIds.includes(n.chunkId)));
  });

  it('is rebuilt from Postgres once removed entries pass a fifth of it', async () => {
    const documents = [];
    for (let i = 0; i < 10; i++) {
      documents.push(await ingestDocument(a.staff, { title: `Sheet ${i}`, content: faker.lorem.paragraph() }));
    }
    for (const document of documents) await a.settled(document.id);
    await eventually(() => b.runtime.index.size >= 10);
    const size = b.runtime.index.size;
    // Two of ten: not past a fifth yet.
    await deleteDocument(a.staff, documents[0]!.id);
    await deleteDocument(a.staff, documents[1]!.id);
    await eventually(() => b.runtime.index.size === size - 2);
    expect(b.runtime.index.removed).toBe(2);
    // The third passes it: the index is rebuilt, and counts no removals any more.
    await deleteDocument(a.staff, documents[2]!.id);
    await eventually(() => b.runtime.index.removed === 0 && !b.runtime.index.isRebuilding);
    expect(b.runtime.index.size).toBe(size - 3);
    const hits = await searchChunks(b.staff, { query: documents[5]!.title }, 'VECTOR');
    expect(hits.map((hit) => hit.chunk.documentId)).not.toContain(documents[2]!.id);
  });
});
