import { faker } from '@faker-js/faker';
import { publicJwks } from '@bodega/auth';
import { startBodega, type RunningBodega } from '@bodega/composition';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, Topic } from '@bodega/events';
import { countingBus, type CountingBus } from '@bodega/testing/counting-bus';
import { untilListening } from '@bodega/testing/live';
import { bearer, TEST_SERVICE_SECRET, TEST_SIGNING_KEY, withTestUsers } from '@bodega/testing/auth';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { memoryLogger, postGraphQL, REDIS_URL, startStack, type Stack } from '@bodega/testing/stack';
import { record, wsClient } from '@bodega/testing/ws';
import { SEND_WITH_ID, startConversation, type FullMessage } from './support';

let stack: Stack;
let second: RunningBodega;
let secondPrisma: PrismaClient;
let secondEvents: CountingBus;
let customer: Shopper;
let staff: string;

// Deployment A is the stack; deployment B is another chat subgraph and another gateway, with their own
// database pool and their own Redis connections, as a second machine would run them.
beforeAll(async () => {
  faker.seed(4009);
  stack = await startStack({ redis: true });
  await takeAdminSeat(stack);
  customer = await signUpShopper(stack);
  staff = await bearer('STAFF');
  secondPrisma = createPrismaClient(stack.db.url, { maxConnections: 5 });
  secondEvents = countingBus(createEventBus({ redisUrl: REDIS_URL, log: memoryLogger().log }));
  second = await startBodega({
    services: ['chat', 'gateway'],
    databaseUrl: stack.db.url,
    redisUrl: REDIS_URL,
    logger: () => memoryLogger().log,
    keys: { publicJwks: publicJwks([TEST_SIGNING_KEY]), serviceSecret: TEST_SERVICE_SECRET },
    ports: { chat: 0, gateway: 0 },
    urls: { accounts: stack.accounts.url, products: stack.products.url, orders: stack.orders.url },
    overrides: { prisma: secondPrisma, events: secondEvents, standing: withTestUsers },
  });
}, 60_000);
afterAll(async () => {
  await second.close({ graceMs: 1000 });
  await Promise.all([secondPrisma.$disconnect(), secondEvents.close()]);
  await stack.close();
});

const FOLLOW = 'subscription($id: ID!) { messageAdded(conversationId: $id) { id body sequence } }';

describe('two deployments sharing one conversation', () => {
  it('delivers a message sent through either gateway to subscribers of both, in one order', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const clients = [wsClient(stack.gateway.url, { connectionParams: { authorization: customer.authorization } }), wsClient(second.gateway!.url, { connectionParams: { authorization: staff } })];
    try {
      const streams = clients.map((client) => record<{ messageAdded: { body: string; sequence: number } }>(client, FOLLOW, { id: conversation.id }));
      await untilListening(stack, Topic.ChatEventAppended, 1);
      await untilListening({ events: secondEvents }, Topic.ChatEventAppended, 1);
      const gateways = [stack.gateway.url, second.gateway!.url];
      const sends = Array.from({ length: 30 }, (_unused, index) =>
        postGraphQL<{ sendMessage: FullMessage }>(gateways[index % 2]!, SEND_WITH_ID, { conversationId: conversation.id, body: `via ${index % 2 ? 'B' : 'A'} ${index}` }, {
          authorization: index % 3 ? staff : customer.authorization,
        }),
      );
      const responses = await Promise.all(sends);
      expect(responses.map((response) => response.body.errors)).toEqual(responses.map(() => undefined));
      for (const stream of streams) await stream.until(30, 15_000);
      const [a, b] = streams.map((stream) => stream.results.map((result) => result.data!.messageAdded.sequence));
      expect(b).toEqual(a);
      expect(a).toEqual([...a!].sort((x, y) => x - y));
      expect(new Set(streams[0]!.results.map((result) => result.data!.messageAdded.body)).size).toBe(30);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  }, 30_000);
});
