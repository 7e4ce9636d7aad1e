import { TEST_SERVICE_SECRET, TEST_SIGNING_KEY, withTestUsers } from './auth';
import { composeServices } from '@apollo/composition';
import { publicJwks } from '@bodega/auth';
import { startBodega } from '@bodega/composition';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import type { GatewayOptions, RunningGateway } from '@bodega/gateway';
import type { Logger } from '@bodega/logger';
import { typeDefs as productsTypeDefs } from '@bodega/products';
import type { RunningServer } from '@bodega/server-kit';
import type { Client } from 'graphql-ws';
import { wsClient } from './ws';
import { createTestDatabase, type TestDatabase } from './databases';
import { countingBus, type CountingBus } from './counting-bus';
import { startSalesSubgraph, SALES_TYPE_DEFS, type SalesSubgraph } from './sales-subgraph';
import { contractOperation, memoryLogger, postGraphQL, type GraphQLResponse } from './stack';

/** products as in the repository, plus the sales stand-in contributing Product.sales. */
export function composeTestSupergraph(): string {
  const result = composeServices([
    { name: 'products', url: 'http://127.0.0.1:4002/graphql', typeDefs: productsTypeDefs },
    { name: 'sales', url: 'http://127.0.0.1:4003/graphql', typeDefs: SALES_TYPE_DEFS },
  ]);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  return result.supergraphSdl;
}

export interface FederatedStackOptions {
  /** Events over the Redis at this URL; default: the in-process bus. */
  redisUrl?: string;
  /** When the gateway cuts off a slow subscriber. Default: the gateway's defaults. */
  subscriptionLimits?: GatewayOptions['subscriptionLimits'];
}

/** One products subgraph and the gateway in front of it. */
export interface Deployment {
  products: RunningServer;
  gateway: RunningGateway;
  /** The products subgraph's event bus, counting its subscriptions. */
  events: CountingBus;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export interface FederatedStack extends Deployment {
  db: TestDatabase;
  prisma: PrismaClient;
  sales: SalesSubgraph;
  supergraphSdl: string;
  log: Logger;
  logLines: () => Array<Record<string, unknown>>;
  /** Creates a product through the gateway and returns its id. */
  createProduct(input: { name: string; stock: number; lowStockThreshold?: number; description?: string }): Promise<string>;
  /** Sells through the gateway; resolves with the stock the mutation returns, fails on any error. */
  sell(id: string, quantity?: number): Promise<number>;
  restock(id: string, quantity?: number): Promise<number>;
  /**
   * Another gateway on a free port. With `ownProducts`, also another products subgraph on the
   * same database and a bus of its own (Redis: the multi-process case); else in front of this
   * stack's products subgraph. Closed with the stack.
   */
  addDeployment(options?: { ownProducts?: boolean }): Promise<Deployment>;
  close(): Promise<void>;
}

/** Its own database, products, the sales stand-in and a gateway on the composed test supergraph. */
export async function startFederatedStack(options: FederatedStackOptions = {}): Promise<FederatedStack> {
  const db = await createTestDatabase();
  const { log, lines } = memoryLogger();
  const supergraphSdl = composeTestSupergraph();
  const sales = await startSalesSubgraph(log);
  const closers: Array<() => Promise<void>> = [() => db.drop(), () => sales.close()];

  // No accounts here: every service trusts the test key and treats bearer() users as real.
  const common = {
    databaseUrl: db.url,
    redisUrl: options.redisUrl,
    logger: () => log,
    keys: { publicJwks: publicJwks([TEST_SIGNING_KEY]), serviceSecret: TEST_SERVICE_SECRET },
  };
  const testUsers = { standing: () => withTestUsers() };
  const startProducts = async () => {
    const prisma = createPrismaClient(db.url, { maxConnections: 5 });
    const events = countingBus(createEventBus({ redisUrl: options.redisUrl, log }));
    const bodega = await startBodega({ ...common, services: ['products'], ports: { products: 0 }, overrides: { ...testUsers, prisma, events } });
    closers.push(async () => {
      await bodega.close({ graceMs: 1_000 });
      await Promise.all([prisma.$disconnect(), events.close()]);
    });
    return { prisma, events, products: bodega.products! };
  };
  const startDeployment = async (products: RunningServer, events: CountingBus): Promise<Deployment> => {
    const bodega = await startBodega({
      ...common,
      services: ['gateway'],
      ports: { gateway: 0 },
      supergraphSdl,
      urls: { products: products.url, sales: sales.url },
      subscriptionLimits: options.subscriptionLimits,
      overrides: testUsers,
    });
    closers.push(() => bodega.close({ graceMs: 1_000 }));
    const gateway = bodega.gateway!;
    return { products, gateway, events, request: (query, variables) => postGraphQL(gateway.url, query, variables) };
  };

  const first = await startProducts();
  const main = await startDeployment(first.products, first.events);
  const changeStock = async (operation: 'SellProduct' | 'RestockProduct', id: string, quantity: number) => {
    const response = await main.request<Record<string, { stock: number }>>(contractOperation(operation), { id, quantity });
    const stock = response.body.data?.[operation === 'SellProduct' ? 'sellProduct' : 'restockProduct']?.stock;
    if (stock === undefined) throw new Error(`${operation} failed: ${JSON.stringify(response.body.errors)}`);
    return stock;
  };

  return {
    ...main,
    db,
    prisma: first.prisma,
    sales,
    supergraphSdl,
    log,
    logLines: lines,
    createProduct: async (input) => {
      const response = await main.request<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), { input });
      const id = response.body.data?.createProduct.id;
      if (!id) throw new Error(`createProduct failed: ${JSON.stringify(response.body.errors)}`);
      return id;
    },
    sell: (id, quantity = 1) => changeStock('SellProduct', id, quantity),
    restock: (id, quantity = 1) => changeStock('RestockProduct', id, quantity),
    addDeployment: async ({ ownProducts = false } = {}) => {
      const { products, events } = ownProducts ? await startProducts() : first;
      return startDeployment(products, events);
    },
    // Gateways first (they hold subscriptions to the subgraphs), then subgraphs and buses, the database
    // last; one failing to close does not leave the rest running.
    close: async () => {
      const failures: unknown[] = [];
      for (const close of closers.splice(0).reverse()) await close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw new AggregateError(failures, 'the federated stack did not close cleanly');
    },
  };
}

/** A federated stack and one websocket client of its gateway, for the subscription tests. */
export async function federatedStackWithClient(options: FederatedStackOptions = {}): Promise<{ stack: FederatedStack; client: Client }> {
  const stack = await startFederatedStack(options);
  return { stack, client: wsClient(stack.gateway.url) };
}

/** Closes what `federatedStackWithClient` started, the client first. */
export async function closeWithClient({ stack, client }: { stack: FederatedStack; client: Client }): Promise<void> {
  await client.dispose();
  await stack.close();
}
