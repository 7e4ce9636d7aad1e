import { faker } from '@faker-js/faker';
import { Redis } from 'ioredis';
import { Topic } from '@bodega/events';
import { bearer } from '@bodega/testing/auth';
import { untilListening } from '@bodega/testing/live';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { REDIS_URL, startStack, type Stack } from '@bodega/testing/stack';
import { sleep } from '@bodega/testing/wait';
import { record, wsClient } from '@bodega/testing/ws';
import { codeOf, readConversation, send, startConversation } from './support';

let stack: Stack;
let customer: Shopper;
let outsider: Shopper;
let staff: string;

beforeAll(async () => {
  faker.seed(4006);
  stack = await startStack({ redis: true });
  await takeAdminSeat(stack);
  customer = await signUpShopper(stack);
  outsider = await signUpShopper(stack);
  staff = await bearer('STAFF');
});
afterAll(() => stack.close());

const MARK_READ = 'mutation($id: ID!, $upTo: Int!) { markRead(conversationId: $id, upTo: $upTo) { id unreadCount agentReadUpTo customerReadUpTo } }';
const TYPING = 'mutation($id: ID!, $typing: Boolean) { setTyping(conversationId: $id, typing: $typing) }';
const FOLLOW_TYPING = 'subscription($id: ID!) { typingChanged(conversationId: $id) { conversationId typing role user { id } } }';

const markRead = (id: string, upTo: number, authorization: string) =>
  stack.request<{ markRead: { unreadCount: number; agentReadUpTo: number; customerReadUpTo: number } }>(MARK_READ, { id, upTo }, { authorization });

describe('read positions (markRead, unreadCount)', () => {
  it('counts what others wrote since the caller last read, and marks up to a sequence', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const replies = [];
    for (let i = 0; i < 3; i += 1) replies.push((await send(stack, staff, conversation.id)).body.data!.sendMessage);
    const view = async (authorization: string) => (await readConversation(stack, authorization, conversation.id)).body.data!.conversation!;
    expect((await view(customer.authorization)).unreadCount).toBe(3);
    expect((await view(staff)).unreadCount).toBe(0);

    const marked = await markRead(conversation.id, replies[1]!.sequence, customer.authorization);
    expect(marked.body.data?.markRead).toMatchObject({ unreadCount: 1, customerReadUpTo: replies[1]!.sequence });
    // Up-to semantics: an older position changes nothing and appends nothing.
    const events = await stack.prisma.chatEvent.count({ where: { conversationId: conversation.id } });
    const older = await markRead(conversation.id, replies[0]!.sequence, customer.authorization);
    expect(older.body.data?.markRead).toMatchObject({ unreadCount: 1, customerReadUpTo: replies[1]!.sequence });
    expect(await stack.prisma.chatEvent.count({ where: { conversationId: conversation.id } })).toBe(events);
    // Beyond the newest message is the newest message.
    const all = await markRead(conversation.id, 10_000, customer.authorization);
    expect(all.body.data?.markRead).toMatchObject({ unreadCount: 0, customerReadUpTo: replies[2]!.sequence });
  });

  it('never counts internal notes for the customer', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    await send(stack, staff, conversation.id, { internal: true });
    expect((await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!.unreadCount).toBe(0);
  });

  it('shows the customer "read" only once an agent has read', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const mine = (await send(stack, customer.authorization, conversation.id)).body.data!.sendMessage;
    const before = (await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!;
    expect(before.agentReadUpTo).toBe(0);
    await markRead(conversation.id, mine.sequence, staff);
    const after = (await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!;
    expect(after.agentReadUpTo).toBe(mine.sequence);
  });

  it('refuses an outsider (NOT_FOUND) and a negative position (BAD_USER_INPUT)', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    expect(codeOf(await markRead(conversation.id, 1, outsider.authorization))).toBe('NOT_FOUND');
    expect(codeOf(await markRead(conversation.id, -1, customer.authorization))).toBe('BAD_USER_INPUT');
  });
});

describe('typing', () => {
  it('streams who types on its own subscription, expires by itself, and never enters the event log', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const client = wsClient(stack.gateway.url, { connectionParams: { authorization: customer.authorization } });
    try {
      const before = stack.events.live(Topic.ChatTyping);
      const stream = record<{ typingChanged: { typing: boolean; role: string; user: { id: string } } }>(client, FOLLOW_TYPING, { id: conversation.id });
      await untilListening(stack, Topic.ChatTyping, before + 1);
      const events = await stack.prisma.chatEvent.count();
      const started = Date.now();
      expect((await stack.request(TYPING, { id: conversation.id, typing: true }, { authorization: staff })).body.data).toEqual({ setTyping: true });
      await stream.until(1);
      expect(stream.results[0]!.data?.typingChanged).toMatchObject({ typing: true, role: 'AGENT' });
      const redis = new Redis(REDIS_URL);
      try {
        const ttl = await redis.pttl(`chat:typing:${conversation.id}:${stream.results[0]!.data!.typingChanged.user.id}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(5000);
      } finally {
        redis.disconnect();
      }
      await stream.until(2, 8000);
      expect(stream.results[1]!.data?.typingChanged).toMatchObject({ typing: false, role: 'AGENT' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
      expect(await stack.prisma.chatEvent.count()).toBe(events);
    } finally {
      await client.dispose();
    }
  }, 20_000);

  it('does not echo the caller’s own typing back, and refuses an outsider', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const client = wsClient(stack.gateway.url, { connectionParams: { authorization: customer.authorization } });
    try {
      const before = stack.events.live(Topic.ChatTyping);
      const stream = record<{ typingChanged: { typing: boolean } }>(client, FOLLOW_TYPING, { id: conversation.id });
      await untilListening(stack, Topic.ChatTyping, before + 1);
      await stack.request(TYPING, { id: conversation.id, typing: true }, { authorization: customer.authorization });
      await sleep(300);
      expect(stream.results).toEqual([]);
      expect(codeOf(await stack.request(TYPING, { id: conversation.id }, { authorization: outsider.authorization }))).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
  });
});
