import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { isUuid, type Product } from '@bodega/db';
import { notFound } from '@bodega/errors';
import type { Context } from '../context';

/**
 * Archiving takes a product out of the shop and every list (orders can no longer take it), while
 * orders that hold it keep showing it: the row stays, only archived_at is set. Idempotent both ways.
 */
export async function setArchived(ctx: Context, id: string, archived: boolean): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, archived ? 'archive products' : 'bring back archived products');
  if (!isUuid(id)) throw notFound('product', id);
  const { count } = await ctx.prisma.product.updateMany({
    where: { id, archivedAt: archived ? null : { not: null } },
    data: { archivedAt: archived ? new Date() : null },
  });
  const product = await ctx.prisma.product.findUnique({ where: { id } });
  if (!product) throw notFound('product', id);
  if (count) ctx.log.info({ productId: id, archived }, archived ? 'product archived' : 'product brought back');
  ctx.loaders.product.clear(id).prime(id, product);
  return product;
}
