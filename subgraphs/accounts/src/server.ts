import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGraphQLHandler, createHttpServer, createSubgraphApollo, listen, subgraphRoutes, type RunningServer } from '@bodega/server-kit';
import { parse } from 'graphql';
import { createContext, createRuntime, type Context, type Deps, type ServerDeps } from './context';
import { resolvers } from './resolvers';
import { accountsRoutes } from './routes';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function buildSchema() {
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
}

export function createApollo(deps: Pick<Deps, 'log'>, schema = buildSchema()): ApolloServer<Context> {
  return createSubgraphApollo<Context>(schema, deps.log);
}

/**
 * Starts the accounts subgraph on its own port: HTTP on /graphql (no subscriptions), answered only
 * to the gateway and Bodega services; its public keys on /.well-known/jwks.json and users' standing
 * on /internal/standing. `close()` stops it (the deps, Prisma and Redis, stay open).
 */
export async function startAccountsSubgraph(deps: ServerDeps, port: number, host?: string): Promise<RunningServer> {
  const runtime = createRuntime(deps);
  const apollo = createApollo(deps);
  await apollo.start();
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log: deps.log,
      context: async ({ requestId, log, authorization, caller }) =>
        createContext(runtime, { requestId, log, authorization, clientIp: caller?.clientIp }),
      internal: deps.internal,
      routes: { ...accountsRoutes(deps), ...subgraphRoutes('accounts') },
    }),
  );
  const running = await listen(server, port, host);
  deps.log.info({ url: running.url, rateLimits: deps.redis ? 'redis' : 'memory' }, 'accounts subgraph listening');
  return {
    ...running,
    close: async (options) => {
      await running.close(options);
      await apollo.stop();
    },
  };
}
