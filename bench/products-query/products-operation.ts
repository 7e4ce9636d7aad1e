import { contractOperation } from '../lib/contract';

export const OPERATION_NAME = 'Products';
export const PAGE_SIZE = 20;

/** The contract's `Products` operation, taken from contract/operations.graphql so the bench follows the contract. */
export function productsQuery(): string {
  return contractOperation(OPERATION_NAME);
}

/** The POST body every request of the bench sends: the first page of 20. */
export function productsRequestBody(): string {
  return JSON.stringify({ operationName: OPERATION_NAME, query: productsQuery(), variables: { first: PAGE_SIZE } });
}

/**
 * What is wrong with a response to the bench's request, or an empty list: it must have
 * no errors and exactly a full page of products, each with the fields asked for.
 */
export function problemsWithPage(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return ['the body is not a JSON object'];
  const problems: string[] = [];
  if ('errors' in payload) problems.push(`errors: ${JSON.stringify(payload.errors)}`);
  const products = at(payload, 'data', 'products');
  const edges = at(products, 'edges');
  if (!Array.isArray(edges)) return [...problems, 'data.products.edges is not a list'];
  if (edges.length !== PAGE_SIZE) problems.push(`${edges.length} edges instead of ${PAGE_SIZE}`);
  if (typeof at(products, 'totalCount') !== 'number') problems.push('totalCount is missing');
  if (typeof at(products, 'pageInfo', 'hasNextPage') !== 'boolean') problems.push('pageInfo.hasNextPage is missing');
  edges.forEach((edge: unknown, index) => {
    const node = at(edge, 'node');
    const missing = ['id', 'name', 'stock', 'price', 'category'].filter((field) => at(node, field) === undefined);
    if (typeof at(edge, 'cursor') !== 'string') missing.push('cursor');
    if (missing.length) problems.push(`edge ${index} lacks ${missing.join(', ')}`);
  });
  return problems;
}

/**
 * The check applied to every response under load. Parsing each body would cost the
 * load generator more CPU than some servers spend answering, so it only looks for a
 * top-level `"errors"` key; the full check runs once per scenario before the load.
 */
export function looksLikeCleanPage(body: string): boolean {
  return body.startsWith('{"data":{"products":') && !body.includes('"errors":');
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
