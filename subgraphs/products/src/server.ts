import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { errorPolicy, createGraphQLHandler, createHttpServer, listen, sendJson, type RunningServer } from '@bodega/server-kit';
import { parse } from 'graphql';
import { createContext, type Context, type Deps } from './context';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export function createApollo(deps: Deps): ApolloServer<Context> {
  const errors = errorPolicy(deps.log);
  return new ApolloServer<Context>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    formatError: errors.formatError,
    logger: deps.log,
    includeStacktraceInErrorResponses: false,
    // Traces go to Apollo's hosted studio, which Bodega does not use.
    plugins: [errors.plugin, ApolloServerPluginInlineTraceDisabled()],
  });
}

/** Starts the products subgraph on its own port; `close()` stops it (the deps stay open). */
export async function startProductsSubgraph(deps: Deps, port: number, host?: string): Promise<RunningServer> {
  const apollo = createApollo(deps);
  await apollo.start();
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log: deps.log,
      context: async (request) => createContext(deps, request),
      routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'products' }) },
    }),
  );
  const running = await listen(server, port, host);
  deps.log.info({ url: running.url }, 'products subgraph listening');
  return { ...running, close: async () => { await running.close(); await apollo.stop(); } };
}
