import type { GraphQLResponse, Stack } from '@bodega/testing/stack';

export type ResponseError = NonNullable<GraphQLResponse['body']['errors']>[number];

/** A stack frame as V8 prints one: `at fn (file.ts:12:5)` or `at file.js:3:9`. */
const STACK_FRAME = /\bat .*:\d+:\d+/;

/** Stack traces never leave a server: no `extensions.stacktrace`, no frame in any message. */
export function expectNoStackTrace(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toContain('stacktrace');
  expect(text).not.toMatch(STACK_FRAME);
}

/** `stack.request` that also asserts every response is free of stack traces. */
export function checkedRequest(stack: () => Stack) {
  return async <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await stack().request<T>(query, variables, headers);
    expectNoStackTrace(response.body);
    return response;
  };
}

/** The one error of a response; fails the test when there is not exactly one. */
export function onlyError(response: GraphQLResponse<unknown>): ResponseError {
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors ?? [];
  if (!error) throw new Error('The response carries no error.');
  return error;
}

/** Reads a plain-HTTP answer of the gateway (status, JSON body) and checks it for stack traces too. */
export async function readJson(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = (await response.json()) as Record<string, unknown>;
  expectNoStackTrace(body);
  return { status: response.status, body };
}
