import DataLoader from 'dataloader';
import { isUuid, Prisma } from '@bodega/db';
import type { CountedConnection, Edge } from '@bodega/paging';
import type { DocumentStatus, IngestStage } from '@bodega/events';
import type { RagContext } from '../context';
import { visibleTo, type Visibility } from './access';

/** A document as the API shows it: its identity and its latest version's ingest. */
export interface DocumentModel {
  id: string;
  title: string;
  visibility: Visibility;
  productIds: string[];
  /** The latest version: the one status, progress and chunkCount describe. */
  version: number;
  /** The version search serves (null until one is READY); older than `version` while a re-ingest runs. */
  servingVersion: number | null;
  mimeType: string;
  contentHash: string;
  status: DocumentStatus;
  stage: IngestStage | null;
  progress: number;
  chunkCount: number;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  title: string;
  visibility: Visibility;
  product_ids: string[] | null;
  latest_version: number;
  current_version: number | null;
  mime_type: string;
  content_hash: string;
  status: DocumentStatus;
  stage: IngestStage | null;
  progress: number;
  chunk_count: number;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The columns of DocumentModel, from documents `d` joined to their latest version `v`. */
export const DOCUMENT_COLUMNS = Prisma.sql`d.id, d.title, d.visibility::text AS visibility, d.product_ids, d.latest_version,
  d.current_version, v.mime_type, v.content_hash, v.status::text AS status, v.stage::text AS stage, v.progress,
  v.chunk_count, v.failure_reason, d.created_at, greatest(d.updated_at, v.updated_at) AS updated_at`;

export const LATEST_VERSION_JOIN = Prisma.sql`JOIN rag.document_versions v ON v.document_id = d.id AND v.version = d.latest_version`;

export function toDocumentModel(row: Row): DocumentModel {
  return {
    id: row.id,
    title: row.title,
    visibility: row.visibility,
    productIds: row.product_ids ?? [],
    version: row.latest_version,
    servingVersion: row.current_version,
    mimeType: row.mime_type,
    contentHash: row.content_hash.trim(),
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    chunkCount: row.chunk_count,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Documents by id that the caller may read, in the order asked (missing ones left out). */
export async function loadDocuments(ctx: RagContext, ids: readonly string[], client: Pick<RagContext['prisma'], '$queryRaw'> = ctx.prisma): Promise<DocumentModel[]> {
  if (ids.length === 0) return [];
  const rows = await client.$queryRaw<Row[]>`
    SELECT ${DOCUMENT_COLUMNS} FROM rag.documents d ${LATEST_VERSION_JOIN}
    WHERE d.id = ANY(${[...ids]}::uuid[]) AND ${visibleTo(ctx.identity)}`;
  const byId = new Map(rows.map((row) => [row.id, toDocumentModel(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type { Row as DocumentRow };
export type DocumentPage = CountedConnection<DocumentModel>;
export type DocumentEdgeModel = Edge<DocumentModel>;

const loaders = new WeakMap<RagContext, DataLoader<string, DocumentModel | null>>();

/**
 * The request's loader of documents by id, as its caller may read them (null: missing or not
 * theirs to read): one query per tick for every chunk's and citation's document.
 */
export function documentLoader(ctx: RagContext): DataLoader<string, DocumentModel | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = new Map((await loadDocuments(ctx, ids.filter(isUuid))).map((document) => [document.id, document]));
      return ids.map((id) => found.get(id) ?? null);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

/** The document of a chunk the caller already read (so one they may read). */
export async function readableDocument(ctx: RagContext, id: string): Promise<DocumentModel> {
  const document = await documentLoader(ctx).load(id);
  // Chunks go with their document in one transaction: this is a delete between two reads.
  if (!document) throw new Error(`Document ${id} vanished while its chunk was being read.`);
  return document;
}
