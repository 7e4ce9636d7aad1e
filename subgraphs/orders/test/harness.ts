import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { bearer, testInternal, testTokens } from '@bodega/testing/auth';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { executeInProcess, requestFrom, type OperationResult, type Sender } from '@bodega/testing/in-process';
import { createContext, type Context, type Deps } from '../src/context';
import { createApollo } from '../src/server';
import type { StockClient } from '../src/services/stock-client';

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  apollo: ApolloServer<Context>;
  deps: Deps;
  /** Runs an operation in-process, as the gateway forwards it: as STAFF unless `as` says otherwise. */
  run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Sender): Promise<OperationResult<T>>;
  /** Writes an order straight into the orders schema, as placeOrder leaves one. */
  insertOrder(order: SeededOrder): Promise<string>;
  close(): Promise<void>;
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
  const db = await createTestDatabase();
  const log = createLogger('orders-test', 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 5 });
  const events: EventBus = createEventBus({ log });
  const deps: Deps = { prisma, events, log, tokens: testTokens, internal: testInternal, stock: noStock, shopCurrency: 'EUR' };
  const apollo = createApollo(deps);
  await apollo.start();
  const staff = await bearer('STAFF');
  return {
    db,
    prisma,
    apollo,
    deps,
    run: async (query, variables, as) =>
      executeInProcess(apollo, await createContext(deps, requestFrom(as, staff, { log })), query, variables) as never,
    insertOrder: async ({ customerId, status = 'PLACED', currency = 'EUR', items }) => {
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
    },
    close: async () => {
      await apollo.stop();
      await Promise.all([prisma.$disconnect(), events.close()]);
      await db.drop();
    },
  };
}
