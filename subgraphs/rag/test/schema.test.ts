import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';

const ROOT = join(__dirname, '..', '..', '..');
const RAG_OPERATIONS = ['Product', 'IngestDocument', 'DocumentStatus', 'Search', 'Answer'];

function sdl(name: string) {
  return parse(readFileSync(join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'));
}

describe('the rag subgraph schema', () => {
  it('is a valid Federation 2 subgraph', () => {
    expect(() => buildSubgraphSchema({ typeDefs: sdl('rag') })).not.toThrow();
  });

  it("composes with the other subgraphs, and the contract's rag operations validate against the result", () => {
    const result = composeServices(
      ['accounts', 'products', 'orders', 'rag'].map((name) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: sdl(name) })),
    );
    expect(result.errors ?? []).toEqual([]);
    const schema = Supergraph.build(result.supergraphSdl!).apiSchema().toGraphQLJSSchema();
    const contract = parse(readFileSync(join(ROOT, 'contract', 'operations.graphql'), 'utf8'));
    const operations = contract.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && RAG_OPERATIONS.includes(d.name?.value ?? ''),
    );
    expect(operations.map((operation) => operation.name?.value).sort()).toEqual([...RAG_OPERATIONS].sort());
    for (const operation of operations) {
      expect([operation.name?.value, validate(schema, { kind: Kind.DOCUMENT, definitions: [operation] }).map((e) => e.message)]).toEqual([
        operation.name?.value,
        [],
      ]);
    }
  });
});
