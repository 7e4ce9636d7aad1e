import { join } from 'node:path';

/** The subgraphs the gateway composes, with where their SDL lives and their default local URL. */
export interface SubgraphDefinition {
  name: string;
  schemaPath: string;
  defaultUrl: string;
}

const ROOT = join(__dirname, '..', '..');

function subgraph(name: string, port: number): SubgraphDefinition {
  return { name, schemaPath: join(ROOT, 'subgraphs', name, 'schema.graphql'), defaultUrl: `http://127.0.0.1:${port}/graphql` };
}

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  subgraph('accounts', 4001),
  subgraph('products', 4002),
  subgraph('orders', 4003),
];

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');
