import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { openShop, signUpShopper, type Shopper } from '@bodega/testing/shop';
import { contractOperation, type Stack } from '@bodega/testing/stack';
import { codeOf, readConversation, send, sendMessage, startConversation, startConversationResponse } from './support';

let stack: Stack;
let customer: Shopper;
let outsider: Shopper;
let staff: string;

beforeAll(async () => {
  ({ stack, shopper: customer } = await openShop(15));
  outsider = await signUpShopper(stack);
  staff = await bearer('STAFF');
});
afterAll(() => stack.close());

describe('starting a conversation (contract StartConversation)', () => {
  it('opens an OPEN conversation whose first message is the customer’s, as two events in the log', async () => {
    const body = faker.lorem.sentence();
    const conversation = await startConversation(stack, customer.authorization, { subject: 'Where is my parcel?', body });
    expect(conversation).toMatchObject({ subject: 'Where is my parcel?', status: 'OPEN' });
    expect(conversation.messages.edges.map((edge) => edge.node)).toEqual([{ id: expect.any(String), body, role: 'CUSTOMER' }]);
    const events = await stack.prisma.chatEvent.findMany({ where: { conversationId: conversation.id }, orderBy: { version: 'asc' } });
    expect(events.map((event) => [event.version, event.type])).toEqual([
      [1, 'CONVERSATION_STARTED'],
      [2, 'MESSAGE_ADDED'],
    ]);
  });

  it('stores the text exactly as given, markup included', async () => {
    const body = '  <script>alert("hi")</script> & <b>bold</b>\n';
    const conversation = await startConversation(stack, customer.authorization, { body });
    expect(conversation.messages.edges[0]!.node.body).toBe(body);
  });

  it.each([
    ['an empty body', { body: '' }, 'input.body'],
    ['a body of spaces', { body: '   \n ' }, 'input.body'],
    ['a body over 4,000 characters', { body: 'x'.repeat(4001) }, 'input.body'],
    ['an empty subject', { subject: ' ' }, 'input.subject'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, input, field) => {
    const before = await stack.prisma.chatEvent.count();
    const response = await startConversationResponse(stack, customer.authorization, input);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await stack.prisma.chatEvent.count()).toBe(before);
  });

  it('asks an anonymous caller to sign in', async () => {
    expect(codeOf(await startConversationResponse(stack, ''))).toBe('UNAUTHENTICATED');
  });

  it('gives the same conversation back for the same clientMessageId from the same author', async () => {
    const clientMessageId = faker.string.uuid();
    const first = await startConversation(stack, customer.authorization, { clientMessageId });
    const again = await startConversation(stack, customer.authorization, { clientMessageId, body: 'a retry' });
    expect(again.id).toBe(first.id);
    expect(await stack.prisma.conversation.count({ where: { customerId: customer.id, id: first.id } })).toBe(1);
  });
});

describe('sending messages (contract SendMessage)', () => {
  it('appends the message with its author, and a message at exactly 4,000 characters is taken', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const body = 'y'.repeat(4000);
    const response = await sendMessage(stack, customer.authorization, conversation.id, body);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.sendMessage).toMatchObject({ body, role: 'CUSTOMER', author: { id: customer.id } });
  });

  it('gives an agent’s message the AGENT role', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await sendMessage(stack, staff, conversation.id);
    expect(response.body.data?.sendMessage.role).toBe('AGENT');
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \t '],
    ['over the limit', 'z'.repeat(4001)],
  ])('refuses a body that is %s with BAD_USER_INPUT', async (_case, body) => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await sendMessage(stack, customer.authorization, conversation.id, body);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
  });

  it('numbers messages with a strictly increasing sequence', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const sequences: number[] = [];
    for (let i = 0; i < 5; i += 1) sequences.push((await send(stack, i % 2 ? staff : customer.authorization, conversation.id)).body.data!.sendMessage.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(5);
  });
});

describe('who sees what', () => {
  it('answers an outsider NOT_FOUND on reading and writing someone else’s conversation, as for one that does not exist', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const read = await readConversation(stack, outsider.authorization, conversation.id);
    expect(read.body.data?.conversation).toBeNull();
    const write = await sendMessage(stack, outsider.authorization, conversation.id);
    expect(codeOf(write)).toBe('NOT_FOUND');
    const missing = await sendMessage(stack, outsider.authorization, faker.string.uuid());
    expect(write.body.errors?.[0]?.message.replace(conversation.id, 'ID')).toBe(missing.body.errors?.[0]?.message.replace(/"[^"]+"/, '"ID"'));
    expect(await stack.prisma.chatMessage.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it('lists a customer’s own conversations only, and every one for staff', async () => {
    const mine = await startConversation(stack, customer.authorization);
    const theirs = await startConversation(stack, outsider.authorization);
    const list = (authorization: string) =>
      stack.request<{ conversations: { edges: Array<{ node: { id: string } }> } }>('{ conversations(first: 100) { edges { node { id } } } }', {}, { authorization });
    const customerIds = (await list(customer.authorization)).body.data!.conversations.edges.map((edge) => edge.node.id);
    expect(customerIds).toContain(mine.id);
    expect(customerIds).not.toContain(theirs.id);
    const staffIds = (await list(staff)).body.data!.conversations.edges.map((edge) => edge.node.id);
    expect(staffIds).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('keeps internal notes from the customer, and lets only staff write them', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const note = await send(stack, staff, conversation.id, { body: 'VIP, refund without asking', internal: true });
    expect(note.body.data?.sendMessage).toMatchObject({ internal: true, role: 'AGENT' });
    const forCustomer = await readConversation(stack, customer.authorization, conversation.id);
    expect(forCustomer.body.data!.conversation!.messages.edges.map((edge) => edge.node.body)).not.toContain('VIP, refund without asking');
    const forStaff = await readConversation(stack, staff, conversation.id);
    expect(forStaff.body.data!.conversation!.messages.edges.map((edge) => edge.node.body)).toContain('VIP, refund without asking');
    const byCustomer = await send(stack, customer.authorization, conversation.id, { internal: true });
    expect(codeOf(byCustomer)).toBe('FORBIDDEN');
  });

  it('contributes User.conversations to the signed-in user (me)', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await stack.request<{ me: { id: string; conversations: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>(
      '{ me { id conversations(first: 100) { totalCount edges { node { id } } } } }',
      {},
      { authorization: customer.authorization },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.me.conversations.edges.map((edge) => edge.node.id)).toContain(conversation.id);
    expect(response.body.data?.me.conversations.totalCount).toBe(await stack.prisma.conversation.count({ where: { customerId: customer.id } }));
  });
});

describe('the public operations', () => {
  it('answers the contract’s SendMessage with the author’s id and a date', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await stack.request(contractOperation('SendMessage'), { conversationId: conversation.id, body: 'hello' }, { authorization: customer.authorization });
    expect(response.body.data?.sendMessage).toEqual({ id: expect.any(String), body: 'hello', role: 'CUSTOMER', createdAt: expect.any(String), author: { id: customer.id } });
  });
});
