import DataLoader from 'dataloader';
import { byIdLoader, isUuid, type OrderItem, type OrderStatusChange, type PrismaClient } from '@bodega/db';
import { salesOf, type SalesModel } from './services/sales';

/** Per-request batching: one query per kind of thing a request touches. */
export function createLoaders(prisma: PrismaClient, shopCurrency: string) {
  return {
    order: byIdLoader((ids) => prisma.order.findMany({ where: { id: { in: ids } } })),
    items: new DataLoader<string, OrderItem[]>(async (orderIds) => {
      const rows = await prisma.orderItem.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: { position: 'asc' } });
      return orderIds.map((id) => rows.filter((row) => row.orderId === id));
    }),
    history: new DataLoader<string, OrderStatusChange[]>(async (orderIds) => {
      const rows = await prisma.orderStatusChange.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: { id: 'asc' } });
      return orderIds.map((id) => rows.filter((row) => row.orderId === id));
    }),
    sales: new DataLoader<string, SalesModel>(async (productIds) => {
      const valid = productIds.filter(isUuid);
      const sales = await salesOf(prisma, valid, shopCurrency);
      const byId = new Map(valid.map((id, index) => [id, sales[index]!]));
      return productIds.map((id) => byId.get(id) ?? { unitsSold: 0, revenue: { amount: '0.00', currencyCode: shopCurrency } });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
