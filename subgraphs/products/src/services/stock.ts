import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { Prisma, type Product } from '@bodega/db';
import { badUserInput, notFound, outOfStock, parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';
import { MAX_STOCK, quantity as quantitySchema } from './product-input';
import { requireProduct } from './products';
import { actorOf, announceStockChanges, applyStockChange } from './stock-change';

/**
 * "Simulate sale": one conditional UPDATE, so concurrent sales can never take
 * stock below zero; when it matches no row, stock is left exactly as it was.
 */
export async function sellProduct(ctx: Context, id: string, quantity: number): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'record sales');
  const amount = parseInput(quantitySchema, quantity, 'quantity');
  if (!isUuid(id)) throw notFound('product', id);
  const movement = { reason: 'SALE' as const, actorId: actorOf(ctx) };
  const change = await applyStockChange({ client: ctx.prisma }, id, -amount, movement, Prisma.sql`stock >= ${amount}`);
  if (!change) {
    const product = await requireProduct(ctx, id);
    throw outOfStock(product, amount);
  }
  announceStockChanges(ctx, [change]);
  return change.product;
}

export async function restockProduct(ctx: Context, id: string, quantity: number): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'restock products');
  const amount = parseInput(quantitySchema, quantity, 'quantity');
  if (!isUuid(id)) throw notFound('product', id);
  const movement = { reason: 'RESTOCK' as const, actorId: actorOf(ctx) };
  const change = await applyStockChange({ client: ctx.prisma }, id, amount, movement, Prisma.sql`stock <= ${MAX_STOCK - amount}`);
  if (!change) {
    const product = await requireProduct(ctx, id);
    throw badUserInput(`Stock would exceed ${MAX_STOCK} (now ${product.stock}).`, 'quantity');
  }
  announceStockChanges(ctx, [change]);
  return change.product;
}

const adjustment = z
  .object({
    delta: z
      .number()
      .int()
      .min(-MAX_STOCK, `Use a change of at most ${MAX_STOCK} units.`)
      .max(MAX_STOCK, `Use a change of at most ${MAX_STOCK} units.`)
      .refine((delta) => delta !== 0, 'Use a change other than 0.'),
    reason: z.enum(['RECEIVED', 'DAMAGED', 'CORRECTION']),
    note: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .nullish()
      .transform((note) => note || null),
  })
  .superRefine(({ delta, reason }, issues) => {
    if (reason === 'RECEIVED' && delta < 0) issues.addIssue({ code: 'custom', path: ['delta'], message: 'Goods received add stock: use a positive change.' });
    if (reason === 'DAMAGED' && delta > 0) issues.addIssue({ code: 'custom', path: ['delta'], message: 'Damaged goods take stock away: use a negative change.' });
  });

/**
 * A manual change for a reason (goods received, damaged, a count corrected), recorded in the
 * ledger with who made it and the note. One conditional UPDATE, like a sale: stock never goes
 * below 0 or above MAX_STOCK, and a refused change records nothing.
 */
export async function adjustStock(ctx: Context, id: string, rawInput: unknown): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'adjust stock');
  const { delta, reason, note } = parseInput(adjustment, rawInput);
  if (!isUuid(id)) throw notFound('product', id);
  const movement = { reason, actorId: actorOf(ctx), note };
  const guard = Prisma.sql`stock + ${delta} >= 0 AND stock + ${delta} <= ${MAX_STOCK}`;
  const change = await applyStockChange({ client: ctx.prisma }, id, delta, movement, guard);
  if (!change) {
    const product = await requireProduct(ctx, id);
    throw product.stock + delta < 0
      ? badUserInput(`Only ${product.stock} in stock: take away at most ${product.stock}.`, 'delta')
      : badUserInput(`Stock would exceed ${MAX_STOCK} (now ${product.stock}).`, 'delta');
  }
  ctx.log.info({ productId: id, delta, reason }, 'stock adjusted');
  announceStockChanges(ctx, [change]);
  return change.product;
}
