import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@bodega/db';
import { startInProcess, type InProcessSubgraph } from '@bodega/testing/in-process';
import { createContext, type Context, type Deps } from '../src/context';
import { createApollo } from '../src/server';
import type { StockClient } from '../src/services/stock-client';

export interface Harness extends InProcessSubgraph<Deps, Context> {
  /** Writes an order straight into the orders schema, as placeOrder leaves one. */
  insertOrder(order: SeededOrder): Promise<string>;
}

export interface SeededOrder {
  customerId: string;
  status?: 'PENDING' | 'PLACED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'ABANDONED';
  currency?: string;
  items: ReadonlyArray<{ productId: string; quantity: number; unitPrice: string }>;
}

/** These tests never place an order through the subgraph: a stock call is a bug in the test. */
const noStock: StockClient = {
  reserve: () => Promise.reject(new Error('the orders harness has no products subgraph to take stock from')),
  release: () => Promise.reject(new Error('the orders harness has no products subgraph to return stock to')),
};

/** The orders subgraph over its own database, without HTTP (Apollo's executeOperation). */
export async function startHarness(): Promise<Harness> {
  const harness = await startInProcess<Deps, Context>({
    name: 'orders',
    deps: (shared) => ({ ...shared, stock: noStock, shopCurrency: 'EUR' }),
    createApollo,
    createContext,
  });
  return { ...harness, insertOrder: (order) => insertOrder(harness.prisma, order) };
}

async function insertOrder(prisma: PrismaClient, { customerId, status = 'PLACED', currency = 'EUR', items }: SeededOrder): Promise<string> {
  const id = randomUUID();
  const total = items.reduce((sum, item) => sum + item.quantity * Number(item.unitPrice), 0);
  await prisma.order.create({
    data: {
      id,
      customerId,
      requestHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
      status,
      currency,
      totalAmount: total.toFixed(2),
      placedAt: new Date(),
      items: {
        create: items.map((item, position) => ({ productId: item.productId, quantity: item.quantity, unitPriceAmount: item.unitPrice, position })),
      },
    },
  });
  return id;
}
