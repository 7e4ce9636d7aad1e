import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { defineSubgraph, type RunningServer, type ServeOptions } from '@bodega/server-kit';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';

const subgraph = defineSubgraph<Context>('chat', join(__dirname, '..', 'schema.graphql'), resolvers);
export const { typeDefs, build: buildSchema } = subgraph;
export const createApollo = (deps: Pick<Deps, 'log'>, built = buildSchema()): ApolloServer<Context> => subgraph.createApollo(deps.log, built);

export type ChatSubgraphOptions = ServeOptions;

/** Starts the chat subgraph on its own port: HTTP and graphql-ws on /graphql. `close()` stops it (the deps stay open). */
export async function startChatSubgraph(deps: Deps, options: ChatSubgraphOptions): Promise<RunningServer> {
  return subgraph.serve(deps, (request) => createContext(deps, request), options);
}
