import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '@bodega/logger';
import type { GraphQLSchema } from 'graphql';
import { errorPolicy } from './format-error';

/** Apollo Server as every Bodega subgraph runs it: the shared error policy, pino, no traces. */
export function createSubgraphApollo<TContext extends BaseContext>(schema: GraphQLSchema, log: Logger): ApolloServer<TContext> {
  const errors = errorPolicy(log);
  return new ApolloServer<TContext>({
    schema,
    formatError: errors.formatError,
    logger: log,
    includeStacktraceInErrorResponses: false,
    // Traces go to Apollo's hosted studio, which Bodega does not use.
    plugins: [errors.plugin, ApolloServerPluginInlineTraceDisabled()],
  });
}
