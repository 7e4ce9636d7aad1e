import { randomUUID } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createEventBus, Topic, type ChatEventAppendedEvent, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { createApollo, createContext, memoryTypingStore, type ChatContext, type ChatDeps } from '@bodega/chat';
import { testInternal, testTokens, bearer } from '@bodega/testing/auth';
import { appendTo } from '../src/events/store';
import { newMessage } from '../src/services/messages-model';

let db: TestDatabase;
let prisma: PrismaClient;
let events: EventBus;
const log = createLogger('chat-test', 'silent');

beforeAll(async () => {
  faker.seed(4008);
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url, { maxConnections: 10 });
  events = createEventBus({ log });
});
afterAll(async () => {
  await prisma.$disconnect();
  await events.close();
  await db.drop();
});

const deps = (): ChatDeps => ({
  prisma,
  events,
  log,
  tokens: testTokens,
  internal: testInternal,
  answers: { answer: async () => ({ text: 'n/a', grounded: false, citations: [] }) },
  typing: memoryTypingStore(),
});

async function started(customerId: string = randomUUID()): Promise<string> {
  const id = randomUUID();
  await appendTo(deps(), id, async () => ({
    events: [
      { actorId: customerId, data: { type: 'CONVERSATION_STARTED', customerId, subject: 'test', orderId: null } },
      { actorId: customerId, data: { type: 'MESSAGE_ADDED', message: newMessage({ role: 'CUSTOMER', authorId: customerId, body: 'hi' }) } },
    ],
    result: () => undefined,
  }));
  return id;
}

describe('appending with the expected version', () => {
  it('makes a stale writer decide again on the state the winner left, so the two never interleave', async () => {
    const id = await started();
    const seen: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = appendTo(deps(), id, async (_tx, state) => {
      seen.push(state!.version);
      if (seen.length === 1) await held; // read version 2, then wait while another writer commits 3
      return { events: [{ actorId: null, data: { type: 'MESSAGE_ADDED', message: newMessage({ role: 'SYSTEM', authorId: null, body: 'slow' }) } }], result: (a) => a[0]!.version };
    });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const fast = await appendTo(deps(), id, async () => ({
      events: [{ actorId: null, data: { type: 'MESSAGE_ADDED', message: newMessage({ role: 'SYSTEM', authorId: null, body: 'fast' }) } }],
      result: (a) => a[0]!.version,
    }));
    release();
    expect(fast).toBe(3);
    expect(await slow).toBe(4);
    expect(seen).toEqual([2, 3]);
    const log = await prisma.chatEvent.findMany({ where: { conversationId: id }, orderBy: { version: 'asc' } });
    expect(log.map((event) => event.version)).toEqual([1, 2, 3, 4]);
    expect(log.map((event) => (event.payload as { message?: { body: string } }).message?.body)).toEqual([undefined, 'hi', 'fast', 'slow']);
  });

  it('refuses a second event with a version the log already has, at the database', async () => {
    const id = await started();
    await expect(
      prisma.chatEvent.create({ data: { conversationId: id, version: 2, type: 'MESSAGE_ADDED', payload: {} } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('writes nothing, and publishes nothing, when the decision fails half-way', async () => {
    const id = await started();
    const heard: ChatEventAppendedEvent[] = [];
    const unsubscribe = await events.subscribe(Topic.ChatEventAppended, (event) => heard.push(event));
    await expect(
      appendTo(deps(), id, async () => ({
        events: [
          { actorId: null, data: { type: 'MESSAGE_ADDED', message: newMessage({ role: 'SYSTEM', authorId: null, body: 'one' }) } },
          // A message for a conversation that is not there breaks the projection: the whole append rolls back.
          { actorId: null, data: { type: 'ASSIGNED', assigneeId: 'not-a-uuid', message: newMessage({ role: 'SYSTEM', authorId: null, body: 'two' }) } },
        ],
        result: () => undefined,
      })),
    ).rejects.toThrow();
    unsubscribe();
    expect(await prisma.chatEvent.count({ where: { conversationId: id } })).toBe(2);
    expect(await prisma.chatMessage.count({ where: { conversationId: id } })).toBe(1);
    expect(heard).toEqual([]);
  });
});

describe('entities (in process, as the gateway asks)', () => {
  async function run(query: string, variables: Record<string, unknown>, authorization?: string) {
    const apollo = createApollo({ log });
    await apollo.start();
    try {
      const contextValue: ChatContext = await createContext(deps(), { requestId: randomUUID(), log, authorization });
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('not single');
      return response.body.singleResult;
    } finally {
      await apollo.stop();
    }
  }

  it('resolves User.conversations for the user themselves and null for another customer', async () => {
    const me = randomUUID();
    const authorization = await bearer('CUSTOMER', me);
    const mine = await started(me);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id conversations { totalCount edges { node { id } } } } } }';
    const result = await run(query, { r: [{ __typename: 'User', id: me }, { __typename: 'User', id: randomUUID() }] }, authorization);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: me, conversations: { totalCount: 1, edges: [{ node: { id: mine } }] } },
      { id: expect.any(String), conversations: null },
    ]);
  });

  it('resolves Conversation references the caller may see, null for the rest', async () => {
    const me = randomUUID();
    const authorization = await bearer('CUSTOMER', me);
    const mine = await started(me);
    const theirs = await started();
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Conversation { id subject } } }';
    const result = await run(query, { r: [{ __typename: 'Conversation', id: mine }, { __typename: 'Conversation', id: theirs }, { __typename: 'Conversation', id: 'x' }] }, authorization);
    expect(result.data?._entities).toEqual([{ id: mine, subject: 'test' }, null, null]);
  });
});
