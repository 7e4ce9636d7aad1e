// The same checks in every subgraph's Apollo Server (createSubgraphApollo), for calls that do not
// come through the gateway (another service, a test): nothing reaches a resolver or Postgres.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger } from '@bodega/logger';
import { parse } from 'graphql';
import { createSubgraphApollo } from '../src';

const typeDefs = parse(`
  type Query { echo(text: String!): String! }
  type Subscription { ticks: Int! }
`);
let calls = 0;
const apollo = createSubgraphApollo(
  buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { echo: (_: unknown, { text }: { text: string }) => ((calls += 1), text) },
      Subscription: { ticks: { subscribe: async function* () { yield { ticks: 1 }; } } },
    } as never,
  }),
  createLogger('request-checks-test', 'silent'),
);

beforeAll(() => apollo.start());
afterAll(() => apollo.stop());

async function run(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const response = await apollo.executeOperation({ query, variables, operationName });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, errors: response.body.singleResult.errors };
}

describe('request checks in a subgraph', () => {
  it('refuse a NUL in a variable or a literal before the resolver runs', async () => {
    expect(await run('query ($t: String!) { echo(text: $t) }', { t: 'a\u0000b' })).toEqual({
      status: 400,
      errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field: 't' } })],
    });
    expect((await run('{ echo(text: "a\\u0000b") }')).errors?.[0]?.extensions).toMatchObject({ field: 'text' });
    expect(calls).toBe(0);
    expect(await run('{ echo(text: "fine") }')).toEqual({ status: undefined, errors: undefined });
  });

  it('refuse an operation that cannot be chosen and a subscription over HTTP', async () => {
    expect((await run('query A { echo(text: "a") } query B { echo(text: "b") }')).errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'OPERATION_RESOLUTION_FAILURE',
    });
    expect((await run('query A { echo(text: "a") }', undefined, 'C')).status).toBe(400);
    expect((await run('subscription { ticks }')).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_OVER_HTTP' });
  });
});
