import { pageArgs } from '@bodega/paging';
import { z } from 'zod';
import { isUuid } from '@bodega/db';

const id = (what: string) => z.string().refine(isUuid, `must be a ${what} id`);

/** IngestDocumentInput. Content checks (type, size, emptiness, sanitising) are in ingest/content.ts. */
export const ingestInput = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  content: z.string(),
  mimeType: z.string().max(200).nullish(),
  productIds: z.array(id('product')).max(100, 'at most 100 products').nullish(),
  /** PUBLIC (default) or INTERNAL (staff only). */
  visibility: z.enum(['PUBLIC', 'INTERNAL']).nullish(),
  /** Re-ingest this document (a new version), whatever its title; without it, the title decides. */
  documentId: id('document').nullish(),
});
export type IngestInput = z.infer<typeof ingestInput>;

export const documentListArgs = pageArgs.extend({
  filter: z
    .object({
      status: z.enum(['PENDING', 'PROCESSING', 'READY', 'FAILED']).nullish(),
      productId: id('product').nullish(),
      visibility: z.enum(['PUBLIC', 'INTERNAL']).nullish(),
    })
    .nullish(),
});

/** The key a title is known by: trimmed, spaces collapsed, lower case. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
