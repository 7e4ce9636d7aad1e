import { readFileSync } from 'node:fs';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Logger } from '@bodega/logger';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { InternalVerifier } from '@bodega/auth';
import type { RunningServer } from './http';
import type { RequestInfo } from './request-context';
import { createSubgraphApollo, serveSubgraph, type ServeSubgraphOptions } from './subgraph';

/** Where a subgraph listens; every `startXSubgraph(deps, options)` takes at least this. */
export interface ServeOptions {
  /** 0: a free port (tests). */
  port: number;
  /** Default: 127.0.0.1. */
  host?: string;
}

export interface SubgraphSchema {
  typeDefs: DocumentNode;
  build(): GraphQLSchema;
}

/** A subgraph's SDL file (SDL first) with its resolvers, as a Federation 2 schema. */
export function subgraphSchema(sdlPath: string, resolvers: unknown): SubgraphSchema {
  const typeDefs = parse(readFileSync(sdlPath, 'utf8'));
  return { typeDefs, build: () => buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }) };
}

/** A subgraph's schema, its Apollo Server with the shared error policy, and how it is served. */
export interface SubgraphDefinition<TContext extends BaseContext> extends SubgraphSchema {
  createApollo(log: Logger, built?: GraphQLSchema): ApolloServer<TContext>;
  /**
   * Serves it as every subgraph runs (serveSubgraph): on `options.port`, answered only to signed
   * requests, each request's context from `context`.
   */
  serve(
    deps: { log: Logger; internal: InternalVerifier },
    context: (request: RequestInfo) => Promise<TContext>,
    options: ServeOptions & Pick<ServeSubgraphOptions<TContext>, 'routes' | 'subscriptions'>,
  ): Promise<RunningServer>;
}

/** What every subgraph's server.ts builds from its name, SDL and resolvers. */
export function defineSubgraph<TContext extends BaseContext>(name: string, sdlPath: string, resolvers: unknown): SubgraphDefinition<TContext> {
  const schema = subgraphSchema(sdlPath, resolvers);
  return {
    ...schema,
    createApollo: (log, built = schema.build()) => createSubgraphApollo<TContext>(built, log),
    serve: (deps, context, { port, host, routes, subscriptions }) =>
      serveSubgraph<TContext>({ name, schema: schema.build(), log: deps.log, context, internal: deps.internal, port, host, routes, subscriptions }),
  };
}
