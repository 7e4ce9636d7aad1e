import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, validate, type OperationDefinitionNode, type OperationTypeNode } from 'graphql';
import { apiSchemaOf } from '../src/api-schema';
import { SUPERGRAPH_PATH } from '../src/subgraphs';

const PROJECT_COPY = join(__dirname, '..', '..', 'contract', 'operations.graphql');
const SHARED_CONTRACT = join(__dirname, '..', '..', '..', 'shared', 'contract', 'operations.graphql');

const contract = parse(readFileSync(PROJECT_COPY, 'utf8'));
const schema = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const operations = contract.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

/** graphql-js leaves a missing root type to execution; the contract wants it caught here. */
function validationErrors(operation: OperationDefinitionNode): string[] {
  const root = schema.getRootType(operation.operation as OperationTypeNode);
  if (!root) return [`the schema has no ${operation.operation} type`];
  const document = { kind: Kind.DOCUMENT, definitions: [operation] } as const;
  return validate(schema, document).map((error) => error.message);
}

describe('the API contract (contract/operations.graphql)', () => {
  it('is an exact copy of the shared contract', () => {
    if (!existsSync(SHARED_CONTRACT)) return; // CI clones have shared/ beside the repo; a lone clone checks its copy only
    expect(readFileSync(PROJECT_COPY, 'utf8')).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
  });

  it('names every operation', () => {
    expect(operations.map((operation) => operation.name?.value).every(Boolean)).toBe(true);
  });

  // Every operation has landed: none is pending any more.
  it.each(operations.map((operation) => [operation.name!.value, operation] as const))(
    'validates %s against the composed API schema',
    (_name, operation) => {
      expect(validationErrors(operation)).toEqual([]);
    },
  );
});
