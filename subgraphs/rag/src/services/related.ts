import { parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { RagContext } from '../context';
import { isUuid } from '@bodega/db';
import { visibleTo } from './access';
import { DOCUMENT_COLUMNS, LATEST_VERSION_JOIN, loadDocuments, toDocumentModel, type DocumentModel, type DocumentRow } from './document-model';

/** What the rag subgraph knows of a product: its key, and (through @requires) its words. */
export interface ProductRef {
  id: string;
  name?: string | null;
  description?: string | null;
}

export const relatedArgs = z.object({
  first: z.number().int().min(1, 'must be between 1 and 20').max(20, 'must be between 1 and 20').nullish().transform((value) => value ?? 3),
});

/**
 * `Product.relatedDocuments(first)`: READY documents the caller may read, those linked to the
 * product by `productIds` first (most recently updated first), then the nearest by meaning to the
 * product's name and description (the best chunk of each document, by cosine similarity in the
 * vector index).
 */
export async function relatedDocuments(ctx: RagContext, product: ProductRef, args: unknown = {}): Promise<DocumentModel[]> {
  const { first } = parseInput(relatedArgs, args);
  const linked = isUuid(product.id)
    ? (
        await ctx.prisma.$queryRaw<DocumentRow[]>`
          SELECT ${DOCUMENT_COLUMNS} FROM rag.documents d ${LATEST_VERSION_JOIN}
          WHERE d.product_ids @> ARRAY[${product.id}]::uuid[] AND d.current_version IS NOT NULL AND ${visibleTo(ctx.identity)}
          ORDER BY d.updated_at DESC, d.id LIMIT ${first}`
      ).map(toDocumentModel)
    : [];
  const text = [product.name, product.description].filter(Boolean).join('\n');
  if (linked.length >= first || !text) return linked;

  const [vector] = await ctx.ai.embed([text]);
  const neighbours = vector ? ctx.index.search(vector, 100) : [];
  if (neighbours.length === 0) return linked;
  const rows = await ctx.prisma.$queryRaw<Array<{ id: bigint; document_id: string }>>`
    SELECT c.id, c.document_id FROM rag.chunks c JOIN rag.documents d ON d.id = c.document_id
    WHERE c.id = ANY(${neighbours.map((n) => String(n.chunkId))}::bigint[]) AND d.current_version = c.version
      AND ${visibleTo(ctx.identity)} AND NOT (d.id = ANY(${linked.map((d) => d.id)}::uuid[]))`;
  const documentOf = new Map(rows.map((row) => [String(row.id), row.document_id]));
  const nearest: string[] = [];
  for (const neighbour of neighbours) {
    const documentId = documentOf.get(String(neighbour.chunkId));
    if (documentId && neighbour.similarity > 0 && !nearest.includes(documentId)) nearest.push(documentId);
    if (linked.length + nearest.length >= first) break;
  }
  return [...linked, ...(await loadDocuments(ctx, nearest))];
}

