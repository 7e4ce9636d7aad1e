import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { Prisma, type Product } from '@bodega/db';
import { badUserInput, notFound, outOfStock, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { isUuid } from '@bodega/db';
import { MAX_STOCK, quantity as quantitySchema } from './product-input';
import { requireProduct } from './products';
import { announceStockChanges, applyStockChange } from './stock-change';

/**
 * "Simulate sale": one conditional UPDATE, so concurrent sales can never take
 * stock below zero; when it matches no row, stock is left exactly as it was.
 */
export async function sellProduct(ctx: Context, id: string, quantity: number): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'record sales');
  const amount = parseInput(quantitySchema, quantity, 'quantity');
  if (!isUuid(id)) throw notFound('product', id);
  const change = await applyStockChange(ctx.prisma, id, -amount, 'SALE', Prisma.sql`stock >= ${amount}`);
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
  const change = await applyStockChange(ctx.prisma, id, amount, 'RESTOCK', Prisma.sql`stock <= ${MAX_STOCK - amount}`);
  if (!change) {
    const product = await requireProduct(ctx, id);
    throw badUserInput(`quantity: stock would exceed ${MAX_STOCK} (now ${product.stock}).`, 'quantity');
  }
  announceStockChanges(ctx, [change]);
  return change.product;
}
