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

export type ChatSubgraphOptions = ServeOptions;

/** Starts the chat subgraph on its own port: HTTP and graphql-ws on /graphql. `close()` stops it (the deps stay open). */
export async function startChatSubgraph(deps: Deps, options: ChatSubgraphOptions): Promise<RunningServer> {
  return serveSubgraph({
    name: 'chat',
    schema: buildSchema(),
    log: deps.log,
    context: (request) => createContext(deps, request),
    internal: deps.internal,
    port: options.port,
    host: options.host,
  });
}
