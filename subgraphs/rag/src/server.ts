import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { defineSubgraph, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';

const subgraph = defineSubgraph<Context>('rag', join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs, build: buildSchema } = subgraph;
export const createApollo = (deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> => subgraph.createApollo(deps.log, built);

/**
 * Starts the rag subgraph on its own port: HTTP and graphql-ws on /graphql. The runtime behind
 * `deps` (vector index, ingest worker: `startRagRuntime`) is started and closed by the caller;
 * `close()` stops the server only.
 */
export async function startRagSubgraph(deps: Deps, options: ServeOptions): Promise<RunningServer> {
  return subgraph.serve(deps, (request) => createContext(deps, request), options);
}
