import { createHash } from 'node:crypto';
import { z } from 'zod';

export const MAX_ITEMS = 50;
export const MAX_QUANTITY = 1_000_000;

const uuid = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a product id');

export interface OrderLine {
  productId: string;
  quantity: number;
}

export const placeOrderInput = z.object({
  items: z
    .array(
      z.object({
        productId: uuid.transform((id) => id.toLowerCase()),
        quantity: z.number().int().min(1, 'must be at least 1').max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
      }),
    )
    .min(1, 'add at least one item')
    .max(MAX_ITEMS, `at most ${MAX_ITEMS} items per order`)
    .transform(mergeItems),
  idempotencyKey: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .nullish()
    .transform((key) => key ?? null),
});

/** A cart may name a product twice; the order holds it once with the summed quantity. */
function mergeItems(items: OrderLine[], ctx: z.RefinementCtx): OrderLine[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  for (const [productId, quantity] of merged) {
    if (quantity > MAX_QUANTITY) ctx.addIssue({ code: 'custom', message: `product ${productId}: at most ${MAX_QUANTITY} in total` });
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

/** Fingerprint of what was ordered: the same idempotency key with other items is a mistake to report. */
export function requestHash(items: readonly OrderLine[]): string {
  const canonical = [...items].sort((a, b) => (a.productId < b.productId ? -1 : 1)).map((item) => `${item.productId}:${item.quantity}`);
  return createHash('sha256').update(canonical.join(',')).digest('hex');
}
