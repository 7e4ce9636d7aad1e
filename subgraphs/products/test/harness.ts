import type { Enricher } from '@bodega/ai';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import type { ApolloServer } from '@apollo/server';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { createContext, type Context, type Deps } from '../src/context';
import { createApollo } from '../src/server';
import { bearer, testInternal, testTokens } from '@bodega/testing/auth';
import { executeInProcess, requestFrom, type OperationResult, type Sender } from '@bodega/testing/in-process';

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  events: EventBus;
  apollo: ApolloServer<Context>;
  deps: Deps;
  /** Runs an operation in-process, as the gateway would send it; returns data and errors. */
  /** As a STAFF user unless `as` says otherwise: an Authorization header, null (anonymous) or a signing service. */
  run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Sender): Promise<OperationResult<T>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Builds the enricher over the harness's database; default: the subgraph's (local provider). */
  enricher?: (prisma: PrismaClient, log: Deps['log']) => Enricher;
}

/** The products subgraph over its own database, without HTTP (Apollo's executeOperation). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const log = createLogger('products-test', 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 10 });
  const events = createEventBus({ log });
  const deps: Deps = { prisma, events, log, tokens: testTokens, internal: testInternal, enricher: options.enricher?.(prisma, log) };
  const apollo = createApollo(deps);
  await apollo.start();
  const staff = await bearer('STAFF');
  return {
    db,
    prisma,
    events,
    apollo,
    deps,
    run: async (query, variables, as) =>
      executeInProcess(apollo, await createContext(deps, requestFrom(as, staff, { log })), query, variables) as never,
    close: async () => {
      await apollo.stop();
      await Promise.all([prisma.$disconnect(), events.close()]);
      await db.drop();
    },
  };
}
