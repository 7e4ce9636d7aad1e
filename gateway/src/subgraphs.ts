import { join } from 'node:path';
import { defaultUrl, SUBGRAPH_NAMES } from '@bodega/config';

/** The subgraphs the gateway composes, with where their SDL lives and their default local URL. */
export interface SubgraphDefinition {
  name: string;
  schemaPath: string;
  defaultUrl: string;
}

const ROOT = join(__dirname, '..', '..');

/** Every subgraph of @bodega/config's catalogue, in its order. */
export const SUBGRAPHS: readonly SubgraphDefinition[] = SUBGRAPH_NAMES.map((name) => ({
  name,
  schemaPath: join(ROOT, 'subgraphs', name, 'schema.graphql'),
  defaultUrl: defaultUrl(name),
}));

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');
