import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';

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
