import { Prisma } from '@bodega/db';
import { parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { RagContext } from '../context';
import { visibleTo } from './access';
import { connection, cursorCodec, pageArgs, type CountedConnection, type Edge } from '@bodega/paging';

/** A chunk as the API shows it. `text` is its version's content[startOffset, endOffset). */
export interface ChunkModel {
  id: string;
  documentId: string;
  version: number;
  ordinal: number;
  text: string;
  headingPath: string[];
  startOffset: number;
  endOffset: number;
  tokenCount: number;
}

export type ChunkPage = CountedConnection<ChunkModel>;
export type ChunkEdgeModel = Edge<ChunkModel>;

export interface ChunkRow {
  id: bigint;
  document_id: string;
  version: number;
  ordinal: number;
  text: string;
  heading_path: string[] | null;
  start_offset: number;
  end_offset: number;
  token_count: number;
}

export const CHUNK_COLUMNS = Prisma.sql`c.id, c.document_id, c.version, c.ordinal, c.text, c.heading_path, c.start_offset, c.end_offset, c.token_count`;

/**
 * Only chunks a search may return: of a document's READY version (never a replaced or unfinished
 * one), and of a document the caller may read. Chunks `c`, documents `d`.
 */
export function searchable(ctx: RagContext): Prisma.Sql {
  return Prisma.sql`d.current_version = c.version AND ${visibleTo(ctx.identity)}`;
}

export function toChunkModel(row: ChunkRow): ChunkModel {
  return {
    id: String(row.id),
    documentId: row.document_id,
    version: row.version,
    ordinal: row.ordinal,
    text: row.text,
    headingPath: row.heading_path ?? [],
    startOffset: row.start_offset,
    endOffset: row.end_offset,
    tokenCount: row.token_count,
  };
}

/** Searchable chunks by id, in the order asked; ids that are not (any more) searchable are left out. */
export async function loadSearchableChunks(ctx: RagContext, ids: readonly bigint[]): Promise<ChunkModel[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.prisma.$queryRaw<ChunkRow[]>`
    SELECT ${CHUNK_COLUMNS} FROM rag.chunks c JOIN rag.documents d ON d.id = c.document_id
    WHERE c.id = ANY(${ids.map(String)}::bigint[]) AND ${searchable(ctx)}`;
  const byId = new Map(rows.map((row) => [String(row.id), toChunkModel(row)]));
  return ids.flatMap((id) => byId.get(String(id)) ?? []);
}

const chunkCursor = cursorCodec(z.object({ ordinal: z.number().int().min(0) }));
const chunkPageArgs = pageArgs.extend({
  first: z.number().int().min(1, 'must be between 1 and 500').max(500, 'must be between 1 and 500').nullish().transform((value) => value ?? 100),
});

/**
 * A document's chunks in order: of the version search serves, or while none is READY yet, of the
 * version being ingested. The caller must already have read the document (visibility).
 */
export async function listChunks(ctx: RagContext, document: { id: string; version: number; servingVersion: number | null }, args: unknown = {}): Promise<CountedConnection<ChunkModel>> {
  const { first, after } = parseInput(chunkPageArgs, args);
  const version = document.servingVersion ?? document.version;
  const from = after ? chunkCursor.decode(after).ordinal + 1 : 0;
  const rows = await ctx.prisma.$queryRaw<ChunkRow[]>`
    SELECT ${CHUNK_COLUMNS} FROM rag.chunks c
    WHERE c.document_id = ${document.id}::uuid AND c.version = ${version} AND c.ordinal >= ${from}
    ORDER BY c.ordinal LIMIT ${first + 1}`;
  return connection(rows, first, (row) => chunkCursor.encode({ ordinal: row.ordinal }), {
    node: toChunkModel,
    totalCount: () => ctx.prisma.chunk.count({ where: { documentId: document.id, version } }),
  });
}
