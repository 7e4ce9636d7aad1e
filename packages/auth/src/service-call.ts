import { SIGNATURE_HEADER, type InternalSigner } from './internal-signature';

/** The request id header (as @bodega/logger names it), carried so both services log one request under one id. */
const REQUEST_ID_HEADER = 'x-request-id';

export interface SignedGraphQLCall {
  query: string;
  variables: Record<string, unknown>;
  /** The request this call serves, when there is one. */
  requestId?: string;
  timeoutMs: number;
}

/**
 * POSTs a GraphQL operation to another Bodega service's /graphql, signed as this service (a subgraph
 * answers nothing unsigned). Rejects as fetch does when the service is unreachable or too slow.
 */
export function postSignedGraphQL(url: string, signer: InternalSigner, call: SignedGraphQLCall): Promise<Response> {
  const { pathname, search } = new URL(url);
  const body = JSON.stringify({ query: call.query, variables: call.variables });
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signer.sign({ kind: 'http', method: 'POST', target: pathname + search, body }),
      ...(call.requestId ? { [REQUEST_ID_HEADER]: call.requestId } : {}),
    },
    body,
    signal: AbortSignal.timeout(call.timeoutMs),
  });
}
