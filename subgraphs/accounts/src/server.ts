import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { defineSubgraph, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import { createContext, createRuntime, type Context, type Deps } from './context';
import { resolvers } from './resolvers';
import { accountsRoutes } from './routes';

const subgraph = defineSubgraph<Context>('accounts', join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs, build: buildSchema } = subgraph;
export const createApollo = (deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> => subgraph.createApollo(deps.log, built);

/**
 * Starts the accounts subgraph on its own port: HTTP on /graphql (no subscriptions), answered only
 * to the gateway and Bodega services; its public keys on /.well-known/jwks.json and users' standing
 * on /internal/standing. `close()` stops it (the deps, Prisma and Redis, stay open).
 */
export async function startAccountsSubgraph(deps: Deps, options: ServeOptions): Promise<RunningServer> {
  const runtime = createRuntime(deps);
  deps.log.info({ rateLimits: deps.redis ? 'redis' : 'memory', keyId: deps.signer.keyId }, 'accounts signs access tokens');
  return subgraph.serve(deps, (request) => createContext(runtime, request), { ...options, routes: accountsRoutes(deps), subscriptions: false });
}
