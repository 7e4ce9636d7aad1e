import { randomUUID } from 'node:crypto';
import { deleteDocument, getDocument, ingestDocument, listDocuments } from '../src/services/documents';
import { relatedDocuments } from '../src/services/related';
import { documentStatusStream, type DocumentStatusModel } from '../src/services/status-stream';
import { startRagHarness, type RagHarness } from './support';

describe('documents', () => {
  let h: RagHarness;
  beforeAll(async () => void (h = await startRagHarness()));
  afterAll(() => h.close());

  it('needs STAFF or ADMIN to ingest or delete', async () => {
    const input = { title: 'Nope', content: 'Some text.' };
    await expect(ingestDocument(h.customer, input)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(ingestDocument(h.anonymous, input)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const document = await ingestDocument(h.as('ADMIN'), input);
    await expect(deleteDocument(h.customer, document.id)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(deleteDocument(h.staff, randomUUID())).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await deleteDocument(h.staff, document.id)).toBe(document.id);
  });

  it('checks the input at the edge, naming the field', async () => {
    await expect(ingestDocument(h.staff, { title: ' ', content: 'x' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } });
    await expect(ingestDocument(h.staff, { title: 'T', content: 'x', productIds: ['not-a-uuid'] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.productIds.0' },
    });
    await expect(ingestDocument(h.staff, { title: 'T', content: 'x', mimeType: 'application/msword' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.mimeType' },
    });
    await expect(ingestDocument(h.staff, { title: 'T', content: 'x', visibility: 'SECRET' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.visibility' },
    });
    await expect(ingestDocument(h.staff, { title: 'T', content: 'x', documentId: randomUUID() })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('updates title, visibility and products in place when the content is the same', async () => {
    const productId = randomUUID();
    const first = await ingestDocument(h.staff, { title: 'Care card', content: 'Wipe the pan with a soft cloth.' });
    await h.settled(first.id);
    const same = await ingestDocument(h.staff, { title: 'care  CARD', content: 'Wipe the pan with a soft cloth.', visibility: 'INTERNAL', productIds: [productId] });
    expect(same).toMatchObject({ id: first.id, version: 1, status: 'READY', visibility: 'INTERNAL', productIds: [productId], title: 'care  CARD' });
    expect(await getDocument(h.customer, first.id)).toBeNull();
  });

  it('hides new content at once when it restricts visibility, and widens it only when the new version is READY', async () => {
    const doc = await ingestDocument(h.staff, { title: 'Staff notes', content: 'Old public note.' });
    await h.settled(doc.id);
    h.runtime.worker!.abort();
    const restricted = await ingestDocument(h.staff, { title: 'Staff notes', content: 'New internal note.', visibility: 'INTERNAL' });
    expect(restricted.visibility).toBe('INTERNAL');
    expect(await getDocument(h.customer, doc.id)).toBeNull();
    await h.runtime.worker!.start();
    await h.settled(doc.id);
    h.runtime.worker!.abort();
    const widened = await ingestDocument(h.staff, { title: 'Staff notes', content: 'Newest note, for everyone.', visibility: 'PUBLIC' });
    expect(widened).toMatchObject({ visibility: 'INTERNAL', version: 3, status: 'PENDING' });
    await h.runtime.worker!.start();
    expect(await h.settled(doc.id)).toMatchObject({ visibility: 'PUBLIC', servingVersion: 3 });
  });

  it('lists newest first with cursors, filtered by status, product and visibility', async () => {
    const productId = randomUUID();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await ingestDocument(h.staff, { title: `Leaflet ${i}`, content: `Leaflet number ${i}.`, productIds: [productId] }));
    for (const document of made) await h.settled(document.id);
    const page1 = await listDocuments(h.customer, { first: 2, filter: { productId } });
    expect(page1.edges.map((e) => e.node.title)).toEqual(['Leaflet 2', 'Leaflet 1']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await listDocuments(h.customer, { first: 2, after: page1.pageInfo.endCursor, filter: { productId } });
    expect(page2.edges.map((e) => e.node.title)).toEqual(['Leaflet 0']);
    expect(await page1.totalCount()).toBe(3);
    expect((await listDocuments(h.staff, { filter: { status: 'FAILED' } })).edges).toEqual([]);
    expect((await listDocuments(h.staff, { filter: { visibility: 'INTERNAL' } })).edges.every((e) => e.node.visibility === 'INTERNAL')).toBe(true);
    await expect(listDocuments(h.staff, { after: 'garbage' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
  });

  it('lists related documents: linked by product first, then nearest by meaning', async () => {
    const productId = randomUUID();
    const linked = await ingestDocument(h.staff, { title: 'Kettle quick start', content: 'Fill to the line and press the switch.', productIds: [productId] });
    const near = await ingestDocument(h.staff, { title: 'Descaling kettles', content: 'Descale your glass kettle with vinegar every month to remove limescale.' });
    const far = await ingestDocument(h.staff, { title: 'Bike helmets', content: 'Helmets must fit snugly above the eyebrows.' });
    const hidden = await ingestDocument(h.staff, {
      title: 'Kettle margins',
      content: 'Glass kettle limescale vinegar margins are internal.',
      visibility: 'INTERNAL',
    });
    for (const document of [linked, near, far, hidden]) await h.settled(document.id);
    const product = { id: productId, name: 'Aurora glass kettle', description: 'A glass kettle; descale it with vinegar against limescale.' };
    const related = await relatedDocuments(h.customer, product, { first: 2 });
    expect(related.map((d) => d.id)).toEqual([linked.id, near.id]);
    const staff = await relatedDocuments(h.staff, product, { first: 3 });
    expect(staff.map((d) => d.id).slice(0, 1)).toEqual([linked.id]);
    expect(staff.map((d) => d.id)).toContain(hidden.id);
    expect((await relatedDocuments(h.customer, product, { first: 10 })).map((d) => d.id)).not.toContain(hidden.id);
  });

  it('streams an ingest to a subscriber: the state now, then every step to READY', async () => {
    h.runtime.worker!.abort();
    const document = await ingestDocument(h.staff, { title: 'Streamed', content: Array.from({ length: 40 }, (_, i) => `Sentence number ${i} about streams.`).join(' ') });
    const stream = await documentStatusStream(h.customer, document.id);
    const seen: DocumentStatusModel[] = [];
    await h.runtime.worker!.start();
    for await (const status of stream) {
      seen.push(status);
      if (status.status === 'READY') break;
    }
    expect(seen[0]).toMatchObject({ id: document.id, status: 'PENDING', progress: 0 });
    expect(seen.at(-1)).toMatchObject({ status: 'READY', progress: 1, chunkCount: expect.any(Number) });
    const progress = seen.map((s) => s.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    await expect(documentStatusStream(h.customer, randomUUID())).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const internal = await ingestDocument(h.staff, { title: 'Streamed internal', content: 'Internal.', visibility: 'INTERNAL' });
    await expect(documentStatusStream(h.customer, internal.id)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('an ingest job that never finishes', () => {
  let h: RagHarness;
  beforeAll(async () => {
    h = await startRagHarness({ settings: { maxAttempts: 2 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('is FAILED, with what to do, once its claims run out (its worker died every time)', async () => {
    h.runtime.worker!.abort();
    const document = await ingestDocument(h.staff, { title: 'Cursed', content: 'A document whose worker always dies.' });
    // As two crashed claims leave it: attempts used up, the last lease run out.
    await h.prisma.$executeRaw`UPDATE rag.ingest_jobs SET attempts = 2, next_attempt_at = now() - interval '1 second' WHERE document_id = ${document.id}::uuid`;
    await h.runtime.worker!.start();
    const failed = await h.settled(document.id);
    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(failed.failureReason).toMatch(/tried 2 times without finishing.*Re-ingest the document/);
  });
});
