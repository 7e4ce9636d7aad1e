import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { createSubgraphApollo, serveSubgraph, subgraphSchema, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';

const schema = subgraphSchema(join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs } = schema;
export const buildSchema = schema.build;

export function createApollo(deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> {
  return createSubgraphApollo<Context>(built, deps.log);
}

/**
 * Starts the rag subgraph on its own port: HTTP and graphql-ws on /graphql. The runtime behind
 * `deps` (vector index, ingest worker: `startRagRuntime`) is started and closed by the caller;
 * `close()` stops the server only.
 */
export async function startRagSubgraph(deps: Deps, options: ServeOptions): Promise<RunningServer> {
  return serveSubgraph({
    name: 'rag',
    schema: buildSchema(),
    log: deps.log,
    context: (request) => createContext(deps, request),
    internal: deps.internal,
    port: options.port,
    host: options.host,
  });
}
