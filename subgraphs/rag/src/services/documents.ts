import { isUuid, Prisma } from '@bodega/db';
import { conflict, notFound, parseInput } from '@bodega/errors';
import { Topic } from '@bodega/events';
import { z } from 'zod';
import type { RagContext } from '../context';
import { prepareContent } from '../ingest/content';
import { requireEditor, visibleTo, type Visibility } from './access';
import { connection, createdAtCursor, createdAtCursorOf, type CountedConnection } from '@bodega/paging';
import { documentListArgs, ingestInput, titleKey } from './document-input';
import { DOCUMENT_COLUMNS, LATEST_VERSION_JOIN, loadDocuments, toDocumentModel, type DocumentModel, type DocumentRow } from './document-model';
import { publishStatus } from './status';

type Tx = Prisma.TransactionClient;

interface Existing {
  id: string;
  title: string;
  visibility: Visibility;
  product_ids: string[] | null;
  latest_version: number;
  content_hash: string;
  status: string;
}

/**
 * `ingestDocument` (STAFF or ADMIN). The content is checked and cleaned now (BAD_USER_INPUT for a
 * type, size or emptiness problem); the work is a durable job (see jobs/). A title already known
 * (or `documentId`) names the document to re-ingest:
 * - the same content as its latest version: nothing is re-ingested, the same document comes back
 *   (title, visibility and products are updated if they changed);
 * - other content: a new version, PENDING; search keeps serving the old one until the new one is READY.
 * Visibility asked with new content applies when it is READY, or at once if it restricts (INTERNAL).
 */
export async function ingestDocument(ctx: RagContext, rawInput: unknown): Promise<DocumentModel> {
  requireEditor(ctx, 'add documents to the knowledge base');
  const input = parseInput(ingestInput, rawInput, 'input');
  const prepared = prepareContent(input.content, input.mimeType, ctx.settings.maxDocumentBytes);
  const key = titleKey(input.title);
  const visibility = input.visibility ?? 'PUBLIC';
  const productIds = [...new Set(input.productIds ?? [])];

  const outcome = await ctx.prisma.$transaction(async (tx) => {
    const existing = await lockExisting(tx, input.documentId ?? null, key);
    if (!existing) {
      const [created] = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO rag.documents (id, title, title_key, visibility, product_ids, latest_version, updated_at)
        VALUES (gen_random_uuid(), ${input.title}, ${key}, ${visibility}::rag.document_visibility, ${productIds}::uuid[], 1, now())
        ON CONFLICT (title_key) DO NOTHING RETURNING id`;
      if (!created) return { retry: true as const };
      await insertVersion(tx, created.id, 1, prepared, visibility);
      return { id: created.id, version: 1, queued: true };
    }
    const sameMetadata =
      existing.title === input.title &&
      existing.visibility === visibility &&
      sameSet(existing.product_ids ?? [], productIds);
    if (existing.content_hash.trim() === prepared.contentHash && existing.status !== 'FAILED') {
      if (!sameMetadata) await updateMetadata(tx, existing.id, input.title, key, visibility, productIds);
      return { id: existing.id, version: existing.latest_version, queued: false };
    }
    const version = existing.latest_version + 1;
    // New content must not widen who reads the old content meanwhile: INTERNAL applies now, PUBLIC when READY.
    const nowVisible: Visibility = visibility === 'INTERNAL' ? 'INTERNAL' : existing.visibility;
    await updateMetadata(tx, existing.id, input.title, key, nowVisible, productIds, version);
    await insertVersion(tx, existing.id, version, prepared, visibility);
    return { id: existing.id, version, queued: true };
  });
  // Two first ingests of one title raced and the other won: this one is now a re-ingest of it.
  if ('retry' in outcome) return ingestDocument(ctx, rawInput);

  const [document] = await loadDocuments(ctx, [outcome.id]);
  if (!document) throw new Error(`Document ${outcome.id} vanished right after it was written.`);
  if (outcome.queued) {
    ctx.log.info({ documentId: document.id, version: outcome.version, mimeType: prepared.mimeType }, 'document queued for ingest');
    await publishStatus(ctx, document);
    ctx.ingestWorker?.wake();
  } else {
    ctx.log.info({ documentId: document.id, version: outcome.version }, 'document re-ingested with the same content: nothing to do');
  }
  return document;
}

async function lockExisting(tx: Tx, documentId: string | null, key: string): Promise<Existing | null> {
  const where = documentId ? Prisma.sql`d.id = ${documentId}::uuid` : Prisma.sql`d.title_key = ${key}`;
  const [row] = await tx.$queryRaw<Existing[]>`
    SELECT d.id, d.title, d.visibility::text AS visibility, d.product_ids, d.latest_version, v.content_hash, v.status::text AS status
    FROM rag.documents d ${LATEST_VERSION_JOIN} WHERE ${where} FOR UPDATE OF d`;
  if (!row && documentId) throw notFound('document', documentId);
  if (row && documentId && titleKey(row.title) !== key) {
    const [other] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM rag.documents WHERE title_key = ${key} AND id <> ${documentId}::uuid`;
    if (other) throw conflict(`Another document is already called "${key}"; choose another title or re-ingest that one.`);
  }
  return row ?? null;
}

async function updateMetadata(tx: Tx, id: string, title: string, key: string, visibility: Visibility, productIds: string[], latestVersion?: number) {
  await tx.$executeRaw`
    UPDATE rag.documents SET title = ${title}, title_key = ${key}, visibility = ${visibility}::rag.document_visibility,
      product_ids = ${productIds}::uuid[], latest_version = coalesce(${latestVersion ?? null}::int, latest_version), updated_at = now()
    WHERE id = ${id}::uuid`;
}

async function insertVersion(tx: Tx, documentId: string, version: number, prepared: ReturnType<typeof prepareContent>, visibility: Visibility) {
  await tx.$executeRaw`
    INSERT INTO rag.document_versions (document_id, version, mime_type, visibility, content, content_hash, status, updated_at)
    VALUES (${documentId}::uuid, ${version}, ${prepared.mimeType}, ${visibility}::rag.document_visibility, ${prepared.text},
      ${prepared.contentHash}, 'PENDING', now())`;
  await tx.$executeRaw`INSERT INTO rag.ingest_jobs (document_id, version) VALUES (${documentId}::uuid, ${version})`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** `document(id)`: null when it does not exist or the caller may not read it (no hint which). */
export async function getDocument(ctx: RagContext, id: string): Promise<DocumentModel | null> {
  if (!isUuid(id)) return null;
  const [document] = await loadDocuments(ctx, [id]);
  return document ?? null;
}

/** `documents(first, after, filter: { status, productId, visibility })`: newest first, what the caller may read. */
export async function listDocuments(ctx: RagContext, args: unknown): Promise<CountedConnection<DocumentModel>> {
  const { first, after, filter } = parseInput(documentListArgs, args);
  const conditions = [visibleTo(ctx.identity)];
  if (filter?.status) conditions.push(Prisma.sql`v.status = ${filter.status}::rag.document_status`);
  if (filter?.productId) conditions.push(Prisma.sql`d.product_ids @> ARRAY[${filter.productId}]::uuid[]`);
  if (filter?.visibility) conditions.push(Prisma.sql`d.visibility = ${filter.visibility}::rag.document_visibility`);
  const where = (extra: Prisma.Sql[]) => Prisma.sql`WHERE ${Prisma.join([...conditions, ...extra], ' AND ')}`;
  const cursor = after ? createdAtCursor.decode(after) : null;
  const keyset = cursor ? [Prisma.sql`(d.created_at, d.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`] : [];
  const rows = await ctx.prisma.$queryRaw<DocumentRow[]>`
    SELECT ${DOCUMENT_COLUMNS} FROM rag.documents d ${LATEST_VERSION_JOIN}
    ${where(keyset)} ORDER BY d.created_at DESC, d.id DESC LIMIT ${first + 1}`;
  return connection(rows.map(toDocumentModel), first, createdAtCursorOf, {
    totalCount: async () => {
      const [count] = await ctx.prisma.$queryRaw<Array<{ count: bigint }>>`
        SELECT count(*) AS count FROM rag.documents d ${LATEST_VERSION_JOIN} ${where([])}`;
      return Number(count?.count ?? 0);
    },
  });
}

/**
 * `deleteDocument(id)` (STAFF or ADMIN): the document, every version, chunk and job, in one
 * transaction, so full-text search stops finding it at commit; this process's vector index drops
 * its chunks at once and every other process's on the ChunkIndexChanged event (searches check
 * Postgres meanwhile, so none returns it). Returns the id.
 */
export async function deleteDocument(ctx: RagContext, id: string): Promise<string> {
  requireEditor(ctx, 'delete documents');
  if (!isUuid(id)) throw notFound('document', id);
  const chunkIds = await ctx.prisma.$transaction(async (tx) => {
    const [document] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM rag.documents WHERE id = ${id}::uuid FOR UPDATE`;
    if (!document) throw notFound('document', id);
    const chunks = await tx.$queryRaw<Array<{ id: bigint }>>`DELETE FROM rag.chunks WHERE document_id = ${id}::uuid RETURNING id`;
    await tx.$executeRaw`DELETE FROM rag.documents WHERE id = ${id}::uuid`;
    return chunks.map((chunk) => chunk.id);
  });
  ctx.index.remove(chunkIds);
  await ctx.events.publish(Topic.ChunkIndexChanged, {
    kind: 'REMOVED',
    documentId: id,
    chunkIds: chunkIds.map(String),
    occurredAt: new Date().toISOString(),
  });
  ctx.log.info({ documentId: id, chunks: chunkIds.length }, 'document deleted');
  return id;
}
