import DataLoader from 'dataloader';
import { byIdLoader, type Category, type Prisma, type PrismaClient } from '@bodega/db';

/** Per-request batching: one query for every product, category or stock alert a request touches. */
export function createLoaders(prisma: PrismaClient) {
  return {
    product: byIdLoader((ids) => prisma.product.findMany({ where: { id: { in: ids } } })),
    category: new DataLoader<number, Category | null>(async (ids) => {
      const rows = await prisma.category.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    stockAlert: byIdLoader<Prisma.StockAlertModel>((ids) => prisma.stockAlert.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
