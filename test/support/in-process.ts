import type { ApolloServer, BaseContext } from '@apollo/server';
import type { RequestInfo } from '@bodega/server-kit';

/** What `executeOperation` answers, as a test reads it. */
export interface OperationResult<T = Record<string, any>> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }>;
}

/**
 * Who sends an in-process operation, as the gateway would forward it: an Authorization header,
 * null for anonymous, or a Bodega service signing its own call.
 */
export type Sender = string | null | { service: string };

/** The request a subgraph's `createContext` gets for `sender`; `fallback` is the header used when no sender is given. */
export function requestFrom(sender: Sender | undefined, fallback: string | undefined, info: Pick<RequestInfo, 'log'> & Partial<RequestInfo>): RequestInfo {
  const base = { requestId: 'test', ...info };
  if (sender !== null && typeof sender === 'object') return { ...base, caller: { name: sender.service } };
  return { ...base, authorization: sender === undefined ? fallback : (sender ?? undefined) };
}

/** Runs one operation on a subgraph's Apollo server without HTTP, with the context its server would build. */
export async function executeInProcess<TContext extends BaseContext, T = Record<string, any>>(
  apollo: ApolloServer<TContext>,
  contextValue: TContext,
  query: string,
  variables?: Record<string, unknown>,
): Promise<OperationResult<T>> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as OperationResult<T>;
}
