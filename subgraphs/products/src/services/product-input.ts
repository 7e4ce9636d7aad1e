import { pageArgs as basePageArgs } from '@bodega/paging';
import { z } from 'zod';
import { moneyInput } from './money';

/** Bounds that keep numbers meaningful for a shop and far from integer overflow. */
export const MAX_STOCK = 1_000_000_000;
export const MAX_QUANTITY = 1_000_000;

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const keywords = z
  .array(z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'))
  .max(30, 'at most 30 keywords')
  .transform((list) => [...new Set(list)]);
const description = z.string().trim().max(5000, 'must be at most 5000 characters');
const threshold = z.number().int().min(0, 'must be 0 or more').max(MAX_STOCK, `must be at most ${MAX_STOCK}`);
const categoryId = z.string().trim().min(1, 'must not be empty');

export const createProductInput = z.object({
  name,
  keywords: keywords.nullish().transform((list) => list ?? []),
  stock: z.number().int().min(0, 'must be 0 or more').max(MAX_STOCK, `must be at most ${MAX_STOCK}`),
  price: moneyInput.nullish(),
  lowStockThreshold: threshold.nullish().transform((value) => value ?? 10),
  description: description.nullish().transform((text) => (text ? text : null)),
  categoryId: categoryId.nullish(),
});
export type CreateProductInput = z.infer<typeof createProductInput>;

/** null clears an optional field; an absent field stays as it is. */
export const updateProductInput = z.object({
  name: name.optional(),
  keywords: keywords.optional(),
  price: moneyInput.nullable().optional(),
  lowStockThreshold: threshold.optional(),
  description: description.nullable().optional(),
  categoryId: categoryId.nullable().optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const quantity = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

export const pageArgs = basePageArgs.extend({
  filter: z
    .object({
      search: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
      categoryId: categoryId.nullish(),
      lowStock: z.boolean().nullish(),
      needsReview: z.boolean().nullish(),
      archived: z.boolean().nullish(),
    })
    .nullish(),
});
export type PageArgs = z.infer<typeof pageArgs>;
