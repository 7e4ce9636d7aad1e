import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { startStack, type Stack } from '@bodega/testing/stack';
import { rebuildProjections, snapshotProjections } from '@bodega/chat';
import { startRagStandIn, type RagStandIn } from './rag-stand-in';
import { send, startConversation } from './support';

const ROOT = join(__dirname, '..', '..', '..');
let stack: Stack;
let rag: RagStandIn;
let customers: Shopper[];
let staff: string[];

beforeAll(async () => {
  faker.seed(4007);
  rag = await startRagStandIn();
  stack = await startStack({ ragUrl: rag.url });
  await takeAdminSeat(stack);
  customers = [await signUpShopper(stack), await signUpShopper(stack)];
  staff = [await bearer('STAFF'), await bearer('ADMIN')];
  await history();
}, 60_000);
afterAll(async () => {
  await stack.close();
  await rag.close();
});

/** Every kind of event, in several conversations. */
async function history(): Promise<void> {
  const run = (query: string, variables: Record<string, unknown>, authorization: string) => stack.request(query, variables, { authorization });
  await run('mutation { setAgentAvailability(available: true) }', {}, staff[0]!);
  for (const [index, customer] of customers.entries()) {
    for (let c = 0; c < 3; c += 1) {
      const conversation = await startConversation(stack, customer.authorization, { clientMessageId: faker.string.uuid() });
      const id = conversation.id;
      await send(stack, customer.authorization, id, { clientMessageId: faker.string.uuid() });
      await send(stack, staff[c % 2]!, id, { body: 'internal', internal: true });
      await send(stack, staff[c % 2]!, id);
      await run('mutation($id: ID!, $upTo: Int!) { markRead(conversationId: $id, upTo: $upTo) { id } }', { id, upTo: 5 }, customer.authorization);
      rag.answerWith(
        c === 0
          ? { text: 'Yes, within 30 days.', grounded: true, citations: [{ quote: 'within 30 days', document: { id: faker.string.uuid(), title: 'Returns' } }] }
          : { text: 'Not covered.', grounded: false, citations: [] },
      );
      await run('mutation($id: ID!, $q: String!) { askAssistant(conversationId: $id, question: $q) { id } }', { id, q: faker.lorem.sentence() }, customer.authorization);
      await run('mutation($id: ID!, $s: ConversationStatus!) { setConversationStatus(conversationId: $id, status: $s) { id } }', { id, s: 'RESOLVED' }, staff[0]!);
      if (c === 1) await send(stack, customer.authorization, id, { body: 'reopen please' });
      if (c === 2) await run('mutation($id: ID!, $s: ConversationStatus!) { setConversationStatus(conversationId: $id, status: $s) { id } }', { id, s: 'CLOSED' }, staff[1]!);
      if (index === 1 && c === 1) await run('mutation($id: ID!) { assignConversation(conversationId: $id, agentId: null) { id } }', { id }, staff[1]!);
    }
  }
}

describe('rebuilding the projections from the log', () => {
  it('gives back every projected row exactly (in process)', async () => {
    const types = await stack.prisma.chatEvent.findMany({ distinct: ['type'], select: { type: true } });
    expect(types.map((row) => row.type).sort()).toEqual(['ASSIGNED', 'CONVERSATION_STARTED', 'HANDED_OFF', 'MESSAGE_ADDED', 'READ', 'STATUS_CHANGED']);
    const before = await snapshotProjections(stack.prisma);
    expect(before.conversations).toHaveLength(6);
    const report = await rebuildProjections(stack.prisma);
    expect(report).toMatchObject({ conversations: 6, messages: before.messages.length, participants: before.participants.length });
    expect(report.events).toBe(await stack.prisma.chatEvent.count());
    expect(await snapshotProjections(stack.prisma)).toEqual(before);
  });

  it('`npm run chat:rebuild` repairs projections that drifted from the log', async () => {
    const before = await snapshotProjections(stack.prisma);
    const victim = before.messages[3]!;
    await stack.prisma.chatMessage.update({ where: { id: victim.id }, data: { body: 'tampered' } });
    await stack.prisma.chatParticipant.deleteMany({ where: { conversationId: before.conversations[0]!.id } });
    await stack.prisma.conversation.update({ where: { id: before.conversations[1]!.id }, data: { status: 'OPEN', subject: 'tampered' } });
    await promisify(execFile)('npm', ['run', '-s', 'chat:rebuild'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: stack.db.url, LOG_LEVEL: 'warn' } });
    expect(await snapshotProjections(stack.prisma)).toEqual(before);
  }, 60_000);

  it('keeps taking messages after a rebuild, carrying on from the rebuilt version', async () => {
    const conversation = (await snapshotProjections(stack.prisma)).conversations.find((c) => c.status !== 'CLOSED')!;
    const customer = customers.find((c) => c.id === conversation.customerId)!;
    const response = await send(stack, customer.authorization, conversation.id);
    expect(response.body.data?.sendMessage.sequence).toBe(conversation.version + 1);
  });
});
