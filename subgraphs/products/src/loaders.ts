import DataLoader from 'dataloader';
import type { Category, PrismaClient, Product } from '@bodega/db';
import { isUuid } from './services/ids';
import type { StockAlertModel } from './services/stock-alerts';

/** Per-request batching: one query for every product, category or stock alert a request touches. */
export function createLoaders(prisma: PrismaClient) {
  return {
    product: new DataLoader<string, Product | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await prisma.product.findMany({ where: { id: { in: valid } } }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    category: new DataLoader<number, Category | null>(async (ids) => {
      const rows = await prisma.category.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    stockAlert: new DataLoader<string, StockAlertModel | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await prisma.stockAlert.findMany({ where: { id: { in: valid } } }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
