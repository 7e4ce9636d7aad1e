import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print } from 'graphql';

const CONTRACT_PATH = join(__dirname, '..', '..', 'contract', 'operations.graphql');

/** One operation of contract/operations.graphql, by name, so a bench sends exactly what the contract promises. */
export function contractOperation(name: string): string {
  const document = parse(readFileSync(CONTRACT_PATH, 'utf8'));
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
  );
  if (!operation) throw new Error(`contract/operations.graphql has no operation named ${name}.`);
  return print(operation);
}
