import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { isUuid, type Prisma } from '@bodega/db';
import { parseInput } from '@bodega/errors';
import { connection, cursorCodec, pageArgs, type CountedConnection, type Edge } from '@bodega/paging';
import { z } from 'zod';
import type { Context } from '../context';

/** A products.stock_movements row: one entry of a product's inventory ledger. */
export type StockMovementModel = Prisma.StockMovementModel;
export type StockMovementPage = CountedConnection<StockMovementModel>;
export type StockMovementEdgeModel = Edge<StockMovementModel>;
/** A user by key only: the accounts subgraph resolves the rest. */
export interface UserRef {
  id: string;
}

/** A position in one product's ledger: its stock version, which is unique per product. */
const movementCursor = cursorCodec(z.object({ productId: z.string(), version: z.number().int() }));

const listArgs = pageArgs.pick({ first: true, after: true });

/**
 * A product's ledger, newest first; keyset paging on the stock version (unique per product and in
 * commit order), so pages stay stable while stock keeps changing. STAFF or ADMIN.
 */
export async function listStockMovements(ctx: Context, productId: string, args: unknown): Promise<StockMovementPage> {
  requireRole(ctx.identity, STAFF_ROLES, "see a product's stock history");
  const { first, after } = parseInput(listArgs, args);
  const cursor = after ? movementCursor.decode(after) : null;
  if (cursor && cursor.productId !== productId) movementCursor.decode('');
  const where: Prisma.StockMovementWhereInput = isUuid(productId) ? { productId } : { productId: { in: [] } };
  const rows = await ctx.prisma.stockMovement.findMany({
    where: cursor ? { ...where, stockVersion: { lt: cursor.version } } : where,
    orderBy: { stockVersion: 'desc' },
    take: first + 1,
  });
  return connection(rows, first, (row) => movementCursor.encode({ productId, version: row.stockVersion }), {
    totalCount: () => ctx.prisma.stockMovement.count({ where }),
  });
}
