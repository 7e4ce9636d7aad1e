import type { ApolloServer, BaseContext } from '@apollo/server';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import type { RequestInfo, SubgraphDeps } from '@bodega/server-kit';
import { bearer, testInternal, testTokens } from './auth';
import { createTestDatabase, type TestDatabase } from './databases';

/** What `executeOperation` answers, as a test reads it. */
export interface OperationResult<T = Record<string, any>> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }>;
}

/**
 * Who sends an in-process operation, as the gateway would forward it: an Authorization header,
 * null for anonymous, or a Bodega service signing its own call.
 */
export type Sender = string | null | { service: string };

/** The request a subgraph's `createContext` gets for `sender`; `fallback` is the header used when no sender is given. */
export function requestFrom(sender: Sender | undefined, fallback: string | undefined, info: Pick<RequestInfo, 'log'> & Partial<RequestInfo>): RequestInfo {
  const base = { requestId: 'test', ...info };
  if (sender !== null && typeof sender === 'object') return { ...base, caller: { name: sender.service } };
  return { ...base, authorization: sender === undefined ? fallback : (sender ?? undefined) };
}

/** Runs one operation on a subgraph's Apollo server without HTTP, with the context its server would build. */
export async function executeInProcess<TContext extends BaseContext, T = Record<string, any>>(
  apollo: ApolloServer<TContext>,
  contextValue: TContext,
  query: string,
  variables?: Record<string, unknown>,
): Promise<OperationResult<T>> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as OperationResult<T>;
}

/** A subgraph over its own database, run without HTTP: what each subgraph's test/harness.ts returns. */
export interface InProcessSubgraph<TDeps, TContext extends BaseContext> {
  db: TestDatabase;
  prisma: PrismaClient;
  events: EventBus;
  apollo: ApolloServer<TContext>;
  deps: TDeps;
  /** Runs an operation in-process, as the gateway forwards it: as STAFF unless `as` says otherwise. */
  run<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Sender): Promise<OperationResult<T>>;
  close(): Promise<void>;
}

export interface InProcessOptions<TDeps, TContext extends BaseContext> {
  /** Names the silent logger. */
  name: string;
  /** The subgraph's deps over the shared ones: this file's database, an in-process bus, the test verifiers. */
  deps(shared: SubgraphDeps): TDeps;
  createApollo(deps: TDeps): ApolloServer<TContext>;
  createContext(deps: TDeps, request: RequestInfo): Promise<TContext>;
}

/** Starts a subgraph's Apollo server over a fresh database, as its server.ts would, minus HTTP. */
export async function startInProcess<TDeps, TContext extends BaseContext>(options: InProcessOptions<TDeps, TContext>): Promise<InProcessSubgraph<TDeps, TContext>> {
  const db = await createTestDatabase();
  const log = createLogger(`${options.name}-test`, 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 10 });
  const events = createEventBus({ log });
  const deps = options.deps({ prisma, events, log, tokens: testTokens, internal: testInternal });
  const apollo = options.createApollo(deps);
  await apollo.start();
  const staff = await bearer('STAFF');
  return {
    db,
    prisma,
    events,
    apollo,
    deps,
    run: async (query, variables, as) => executeInProcess(apollo, await options.createContext(deps, requestFrom(as, staff, { log })), query, variables) as never,
    close: async () => {
      await apollo.stop();
      await Promise.all([prisma.$disconnect(), events.close()]);
      await db.drop();
    },
  };
}
