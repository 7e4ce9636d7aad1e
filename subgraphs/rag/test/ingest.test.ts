import { faker } from '@faker-js/faker';
import { Topic, type DocumentStatusChangedEvent } from '@bodega/events';
import { deleteDocument, getDocument, ingestDocument, listDocuments } from '../src/services/documents';
import { listChunks } from '../src/services/chunks';
import { searchChunks } from '../src/services/search';
import { startRagHarness, type RagHarness } from './support';

faker.seed(1401);

const RETURNS = `# Returns

You can send back anything you bought within 30 days of delivery for a full refund. Items must be unused and in their original packaging.

## How to send an item back

Open My orders, choose the item and print the prepaid label. Drop the parcel at any post office.

## Refunds

We refund to the original payment method within 5 working days of receiving the parcel.
`;

function longDocument(sections: number): string {
  return Array.from({ length: sections }, (_, i) => `## Section ${i + 1}\n\n${faker.lorem.paragraphs(3, '\n\n')}`).join('\n\n');
}

describe('ingesting a document', () => {
  let h: RagHarness;
  beforeAll(async () => void (h = await startRagHarness()));
  afterAll(() => h.close());

  it('takes a Markdown document through every stage to READY with its exact chunk count', async () => {
    const events: DocumentStatusChangedEvent[] = [];
    const unsubscribe = await h.events.subscribe(Topic.DocumentStatusChanged, (event) => events.push(event));
    const queued = await ingestDocument(h.staff, { title: 'Returns policy', content: longDocument(6), mimeType: 'text/markdown' });
    expect(queued).toMatchObject({ status: 'PENDING', progress: 0, version: 1, visibility: 'PUBLIC' });

    const ready = await h.settled(queued.id);
    // The READY event is published after the commit that settled() saw.
    while (!events.some((event) => event.documentId === queued.id && event.status === 'READY')) await new Promise((r) => setTimeout(r, 10));
    unsubscribe();
    const rows = await h.prisma.chunk.count({ where: { documentId: queued.id } });
    expect(ready).toMatchObject({ status: 'READY', progress: 1, stage: null, servingVersion: 1 });
    expect(ready.chunkCount).toBe(rows);
    expect(rows).toBeGreaterThan(3);

    const mine = events.filter((event) => event.documentId === queued.id);
    const progress = mine.map((event) => event.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBeGreaterThanOrEqual(5);
    expect(mine.map((event) => event.stage).filter((stage, i, all) => stage !== all[i - 1])).toEqual([
      null, 'PARSING', 'CHUNKING', 'EMBEDDING', 'INDEXING', null,
    ]);
    expect(mine.at(-1)).toMatchObject({ status: 'READY', progress: 1, chunkCount: rows });
  });

  it('returns the same document, untouched, for the same content again', async () => {
    const first = await ingestDocument(h.staff, { title: 'Shipping', content: RETURNS, mimeType: 'text/markdown' });
    await h.settled(first.id);
    const again = await ingestDocument(h.staff, { title: 'Shipping', content: RETURNS, mimeType: 'text/markdown' });
    expect(again).toMatchObject({ id: first.id, version: 1, status: 'READY' });
    expect(await h.prisma.documentVersion.count({ where: { documentId: first.id } })).toBe(1);
  });

  it('keeps serving the old version until the new one is READY, then only the new one', async () => {
    const first = await ingestDocument(h.staff, { title: 'Warranty', content: 'Every kettle has a two year warranty against defects.' });
    await h.settled(first.id);
    h.runtime.worker!.abort();
    const second = await ingestDocument(h.staff, { title: 'Warranty', content: 'Every toaster has a five year guarantee against breakdowns.' });
    expect(second).toMatchObject({ id: first.id, version: 2, status: 'PENDING', servingVersion: 1 });
    const before = await searchChunks(h.customer, { query: 'kettle warranty' });
    expect(before[0]?.chunk.text).toContain('kettle');

    await h.runtime.worker!.start();
    await h.settled(first.id);
    const after = await searchChunks(h.customer, { query: 'kettle warranty toaster' });
    expect(after.map((hit) => hit.chunk.text).join(' ')).not.toContain('kettle');
    expect(after[0]?.chunk.text).toContain('toaster');
    expect(await h.prisma.chunk.count({ where: { documentId: first.id, version: 1 } })).toBe(0);
  });

  it('never shows an INTERNAL document to a customer or an anonymous caller', async () => {
    const internal = await ingestDocument(h.staff, {
      title: 'Supplier margins',
      content: 'Our margin on espresso machines is forty percent.',
      visibility: 'INTERNAL',
    });
    await h.settled(internal.id);
    for (const caller of [h.customer, h.anonymous]) {
      expect(await getDocument(caller, internal.id)).toBeNull();
      const hits = await searchChunks(caller, { query: 'margin espresso machines' });
      expect(hits.map((hit) => hit.chunk.documentId)).not.toContain(internal.id);
      const page = await listDocuments(caller, { first: 100 });
      expect(page.edges.map((edge) => edge.node.id)).not.toContain(internal.id);
    }
    const staffHits = await searchChunks(h.staff, { query: 'margin espresso machines' });
    expect(staffHits[0]?.chunk.documentId).toBe(internal.id);
  });

  it('deletes a document from full text and the vector index at once', async () => {
    const doc = await ingestDocument(h.staff, { title: 'Gift wrapping', content: 'We gift wrap any order for three euros.' });
    await h.settled(doc.id);
    const page = await listChunks(h.staff, doc);
    const ids = page.edges.map((edge) => BigInt(edge.node.id));
    expect(ids.length).toBe(1);
    await deleteDocument(h.staff, doc.id);
    const hits = await searchChunks(h.staff, { query: 'gift wrap order' }, 'FULL_TEXT');
    expect(hits.map((hit) => hit.chunk.documentId)).not.toContain(doc.id);
    expect(h.runtime.index.search((await h.runtime.deps.ai.embed(['gift wrap']))[0]!, 50).map((n) => n.chunkId)).not.toContain(ids[0]);
    expect(await getDocument(h.staff, doc.id)).toBeNull();
  });
});
