import { faker } from '@faker-js/faker';
import { Topic } from '@bodega/events';
import { bearer } from '@bodega/testing/auth';
import { untilListening } from '@bodega/testing/live';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { sleep } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';
import { send, startConversation } from './support';

let stack: Stack;
let customer: Shopper;
let outsider: Shopper;
let staff: string;

beforeAll(async () => {
  faker.seed(1515);
  stack = await startStack({ redis: true });
  await takeAdminSeat(stack);
  customer = await signUpShopper(stack);
  outsider = await signUpShopper(stack);
  staff = await bearer('STAFF');
});
afterAll(() => stack.close());

const FOLLOW = `subscription($conversationId: ID!, $after: String) {
  messageAdded(conversationId: $conversationId, after: $after) { id body role sequence cursor internal conversation { id status } }
}`;

interface Followed {
  messageAdded: { id: string; body: string; role: string; sequence: number; cursor: string; internal: boolean; conversation: { id: string; status: string } };
}

const clients: Array<ReturnType<typeof wsClient>> = [];
function follow(authorization: string, conversationId: string, after?: string) {
  const client = wsClient(stack.gateway.url, { connectionParams: { authorization } });
  clients.push(client);
  return { client, stream: record<Followed>(client, FOLLOW, { conversationId, after }) };
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

const listening = () => stack.events.live(Topic.ChatEventAppended);

describe('messageAdded through the gateway', () => {
  it('delivers the contract’s MessageAdded with the author’s name and the conversation', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const client = wsClient(stack.gateway.url, { connectionParams: { authorization: customer.authorization } });
    clients.push(client);
    const before = listening();
    const stream = record<{ messageAdded: { body: string; role: string; author: { id: string; name: string }; conversation: { id: string; status: string } } }>(
      client,
      contractOperation('MessageAdded'),
      { conversationId: conversation.id },
    );
    await untilListening(stack, Topic.ChatEventAppended, before + 1);
    await send(stack, customer.authorization, conversation.id, { body: 'Is it shipped yet?' });
    await stream.until(1);
    expect(stream.results[0]!.errors).toBeUndefined();
    expect(stream.results[0]!.data?.messageAdded).toMatchObject({
      body: 'Is it shipped yet?',
      role: 'CUSTOMER',
      author: { id: customer.id, name: expect.any(String) },
      conversation: { id: conversation.id, status: 'OPEN' },
    });
  });

  it('gives an outsider NOT_FOUND and none of the conversation’s messages', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const { stream } = follow(outsider.authorization, conversation.id);
    await stream.until(1);
    expect(stream.results[0]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await send(stack, customer.authorization, conversation.id);
    await sleep(300);
    expect(stream.results.filter((result) => result.data?.messageAdded)).toEqual([]);
  });

  it('never sends internal notes to the customer, and sends them to staff', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const before = listening();
    const forCustomer = follow(customer.authorization, conversation.id).stream;
    const forStaff = follow(staff, conversation.id).stream;
    await untilListening(stack, Topic.ChatEventAppended, before + 2);
    await send(stack, staff, conversation.id, { body: 'note: refund approved', internal: true });
    await send(stack, staff, conversation.id, { body: 'We will refund you.' });
    await forStaff.until(2);
    await forCustomer.until(1);
    await sleep(200);
    expect(forStaff.results.map((result) => result.data?.messageAdded.body)).toEqual(['note: refund approved', 'We will refund you.']);
    expect(forCustomer.results.map((result) => result.data?.messageAdded.body)).toEqual(['We will refund you.']);
  });

  it('replays what came after the cursor, then continues live', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const first = (await send(stack, customer.authorization, conversation.id, { body: 'one' })).body.data!.sendMessage;
    await send(stack, staff, conversation.id, { body: 'two' });
    await send(stack, customer.authorization, conversation.id, { body: 'three' });
    const before = listening();
    const { stream } = follow(customer.authorization, conversation.id, first.cursor);
    await untilListening(stack, Topic.ChatEventAppended, before + 1);
    await send(stack, staff, conversation.id, { body: 'four' });
    await stream.until(3);
    expect(stream.results.map((result) => result.data?.messageAdded.body)).toEqual(['two', 'three', 'four']);
  });

  it('replays to each client resuming from the same cursor, though they share a scope', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const first = (await send(stack, customer.authorization, conversation.id, { body: 'one' })).body.data!.sendMessage;
    await send(stack, staff, conversation.id, { body: 'two' });
    const early = follow(customer.authorization, conversation.id, first.cursor).stream;
    await early.until(1);
    const late = follow(customer.authorization, conversation.id, first.cursor).stream;
    await late.until(1);
    expect(late.results.map((result) => result.data?.messageAdded.body)).toEqual(['two']);
    expect(stack.gateway.subscriptions.stats()).toMatchObject({ subscribers: 2 });
  });

  it('refuses a cursor it did not hand out with BAD_USER_INPUT', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const { stream } = follow(customer.authorization, conversation.id, 'not-a-cursor');
    await stream.until(1);
    expect(stream.results[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('after a dropped websocket, resuming with the last cursor gives exactly the 200 messages sent meanwhile, in order', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const before = listening();
    const first = follow(customer.authorization, conversation.id);
    await untilListening(stack, Topic.ChatEventAppended, before + 1);
    await send(stack, staff, conversation.id, { body: 'before the drop' });
    await first.stream.until(1);
    const cursor = first.stream.results[0]!.data!.messageAdded.cursor;
    await first.client.dispose();
    await untilListening(stack, Topic.ChatEventAppended, before);

    const sent: string[] = [];
    const sending = (async () => {
      for (let i = 0; i < 200; i += 1) {
        const body = `missed ${i}`;
        await send(stack, i % 3 === 0 ? customer.authorization : staff, conversation.id, { body });
        sent.push(body);
      }
    })();
    // Reconnect while the sends are still going: some are replayed, the rest arrive live.
    while (sent.length < 80) await sleep(10);
    const resumed = follow(customer.authorization, conversation.id, cursor);
    await sending;
    await resumed.stream.until(200, 20_000);
    await sleep(300);
    const received = resumed.stream.results.map((result) => result.data?.messageAdded);
    expect(received.map((message) => message?.body)).toEqual(sent);
    const sequences = received.map((message) => message!.sequence);
    expect(sequences.every((sequence, index) => index === 0 || sequence > sequences[index - 1]!)).toBe(true);
  }, 60_000);

  it('gives every subscriber the same order when 20 people send at once', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const before = listening();
    const followers = [follow(customer.authorization, conversation.id).stream, follow(staff, conversation.id).stream, follow(await bearer('ADMIN'), conversation.id).stream];
    await untilListening(stack, Topic.ChatEventAppended, before + 3);
    const senders = [customer.authorization, ...(await Promise.all(Array.from({ length: 19 }, () => bearer('STAFF'))))];
    const responses = await Promise.all(senders.map((authorization, index) => send(stack, authorization, conversation.id, { body: `at once ${index}` })));
    expect(responses.map((response) => response.body.errors)).toEqual(responses.map(() => undefined));
    for (const follower of followers) await follower.until(20, 15_000);
    const orders = followers.map((follower) => follower.results.map((result) => result.data!.messageAdded.sequence));
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    expect(orders[0]).toEqual([...orders[0]!].sort((a, b) => a - b));
    expect(new Set(orders[0]).size).toBe(20);
    const stored = await stack.prisma.chatEvent.findMany({ where: { conversationId: conversation.id }, orderBy: { version: 'asc' } });
    expect(stored.map((event) => event.version)).toEqual(stored.map((_event, index) => index + 1));
  }, 30_000);
});

describe('idempotent sends', () => {
  it('makes one message and one event of 50 concurrent retries with one clientMessageId, echoing the id back', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const clientMessageId = faker.string.uuid();
    const eventsBefore = await stack.prisma.chatEvent.count({ where: { conversationId: conversation.id } });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => send(stack, customer.authorization, conversation.id, { body: 'only once', clientMessageId })),
    );
    expect(responses.map((response) => response.body.errors)).toEqual(responses.map(() => undefined));
    const ids = new Set(responses.map((response) => response.body.data!.sendMessage.id));
    expect(ids.size).toBe(1);
    expect(responses[0]!.body.data!.sendMessage.clientMessageId).toBe(clientMessageId);
    expect(await stack.prisma.chatMessage.count({ where: { conversationId: conversation.id, clientMessageId } })).toBe(1);
    expect(await stack.prisma.chatEvent.count({ where: { conversationId: conversation.id } })).toBe(eventsBefore + 1);
  }, 30_000);

  it('keeps the same clientMessageId from two authors apart', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const clientMessageId = faker.string.uuid();
    const mine = await send(stack, customer.authorization, conversation.id, { clientMessageId });
    const theirs = await send(stack, staff, conversation.id, { clientMessageId });
    expect(mine.body.data!.sendMessage.id).not.toBe(theirs.body.data!.sendMessage.id);
  });

  it('refuses a clientMessageId reused in another conversation with CONFLICT', async () => {
    const one = await startConversation(stack, customer.authorization);
    const two = await startConversation(stack, customer.authorization);
    const clientMessageId = faker.string.uuid();
    await send(stack, customer.authorization, one.id, { clientMessageId });
    const again = await send(stack, customer.authorization, two.id, { clientMessageId });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
