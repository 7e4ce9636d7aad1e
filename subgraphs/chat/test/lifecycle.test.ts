import { bearer } from '@bodega/testing/auth';
import { createProduct, openShop, placeOrder, signUpShopper, type Shopper } from '@bodega/testing/shop';
import type { Stack } from '@bodega/testing/stack';
import { codeOf, readConversation, send, startConversation } from './support';

let stack: Stack;
let customer: Shopper;
let outsider: Shopper;
let staff: string;

beforeAll(async () => {
  ({ stack, shopper: customer } = await openShop(4004));
  outsider = await signUpShopper(stack);
  staff = await bearer('STAFF');
});
afterAll(() => stack.close());

const SET_STATUS = 'mutation($id: ID!, $status: ConversationStatus!) { setConversationStatus(conversationId: $id, status: $status) { id status } }';
const ASSIGN = 'mutation($id: ID!, $agentId: ID) { assignConversation(conversationId: $id, agentId: $agentId) { id assignee { id } waitingForAgent } }';
const REQUEST_AGENT = 'mutation($id: ID!) { requestAgent(conversationId: $id) { id waitingForAgent assignee { id } } }';
const ON_DUTY = 'mutation($available: Boolean!) { setAgentAvailability(available: $available) }';
const CLAIM = 'mutation { claimNextConversation { id assignee { id } waitingForAgent } }';

const setStatus = (id: string, status: string, authorization = staff) =>
  stack.request<{ setConversationStatus: { id: string; status: string } }>(SET_STATUS, { id, status }, { authorization });

async function systemBodies(id: string, authorization = customer.authorization): Promise<string[]> {
  const view = await readConversation(stack, authorization, id);
  return view.body.data!.conversation!.messages.edges.filter((edge) => edge.node.role === 'SYSTEM').map((edge) => edge.node.body);
}

function userIdOf(authorization: string): string {
  const payload = JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
  return payload.sub;
}

describe('conversation lifecycle', () => {
  it('moves OPEN → PENDING → OPEN → RESOLVED → CLOSED, each step a SYSTEM message the customer sees', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    for (const status of ['PENDING', 'OPEN', 'RESOLVED', 'CLOSED']) {
      const response = await setStatus(conversation.id, status);
      expect(response.body.data?.setConversationStatus).toEqual({ id: conversation.id, status });
    }
    expect(await systemBodies(conversation.id)).toHaveLength(4);
  });

  it.each([
    ['leaving CLOSED', ['CLOSED', 'OPEN'], 'CLOSED'],
    ['RESOLVED to PENDING', ['RESOLVED', 'PENDING'], 'RESOLVED'],
    ['repeating a status', ['PENDING', 'PENDING'], 'PENDING'],
  ])('refuses %s with INVALID_TRANSITION and appends nothing', async (_case, steps, stuckAt) => {
    const conversation = await startConversation(stack, customer.authorization);
    let last;
    for (const status of steps) last = await setStatus(conversation.id, status);
    expect(last!.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: stuckAt, to: steps.at(-1) });
    const events = await stack.prisma.chatEvent.count({ where: { conversationId: conversation.id } });
    expect(events).toBe(2 + steps.length - 1);
  });

  it('lets only staff change a status', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    expect(codeOf(await setStatus(conversation.id, 'RESOLVED', customer.authorization))).toBe('FORBIDDEN');
  });

  it('reopens a RESOLVED conversation when the customer writes again, with a SYSTEM message', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    await setStatus(conversation.id, 'RESOLVED');
    await send(stack, customer.authorization, conversation.id, { body: 'Actually, one more thing' });
    const view = await readConversation(stack, customer.authorization, conversation.id);
    expect(view.body.data!.conversation!.status).toBe('OPEN');
    expect(view.body.data!.conversation!.messages.edges.map((edge) => [edge.node.role, edge.node.body]).slice(-2)).toEqual([
      ['CUSTOMER', 'Actually, one more thing'],
      ['SYSTEM', expect.stringMatching(/reopened/)],
    ]);
  });

  it('keeps a RESOLVED conversation resolved when an agent adds to it', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    await setStatus(conversation.id, 'RESOLVED');
    await send(stack, staff, conversation.id);
    expect((await readConversation(stack, staff, conversation.id)).body.data!.conversation!.status).toBe('RESOLVED');
  });

  it('takes no message in a CLOSED conversation (INVALID_TRANSITION)', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    await setStatus(conversation.id, 'CLOSED');
    expect(codeOf(await send(stack, customer.authorization, conversation.id))).toBe('INVALID_TRANSITION');
  });
});

describe('a conversation about an order', () => {
  it('resolves Conversation.order through the orders subgraph, for its customer', async () => {
    const product = await createProduct(stack, { stock: 5, price: '7.50' });
    const order = (await placeOrder(stack, customer, [{ productId: product.id, quantity: 1 }])).body.data!.placeOrder;
    const conversation = await startConversation(stack, customer.authorization, { orderId: order.id });
    const response = await stack.request<{ conversation: { order: { id: string; status: string } | null } }>(
      'query($id: ID!) { conversation(id: $id) { order { id status } } }',
      { id: conversation.id },
      { authorization: customer.authorization },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.conversation.order).toEqual({ id: order.id, status: 'PLACED' });
  });

  it('shows nothing of an order the customer does not own', async () => {
    const product = await createProduct(stack, { stock: 5, price: '7.50' });
    const theirs = (await placeOrder(stack, outsider, [{ productId: product.id, quantity: 1 }])).body.data!.placeOrder;
    const conversation = await startConversation(stack, customer.authorization, { orderId: theirs.id });
    const response = await stack.request<{ conversation: { order: { id: string; status: string } | null } }>(
      'query($id: ID!) { conversation(id: $id) { order { id status total { amount } } } }',
      { id: conversation.id },
      { authorization: customer.authorization },
    );
    expect(response.body.data?.conversation.order).toBeNull();
  });
});

describe('assignment', () => {
  it('lets staff assign and unassign, each recorded as a SYSTEM message', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const agent = await bearer('STAFF');
    const assigned = await stack.request<{ assignConversation: { assignee: { id: string } | null } }>(ASSIGN, { id: conversation.id, agentId: userIdOf(agent) }, { authorization: staff });
    expect(assigned.body.data?.assignConversation.assignee).toEqual({ id: userIdOf(agent) });
    const cleared = await stack.request<{ assignConversation: { assignee: { id: string } | null } }>(ASSIGN, { id: conversation.id, agentId: null }, { authorization: staff });
    expect(cleared.body.data?.assignConversation.assignee).toBeNull();
    expect(await systemBodies(conversation.id)).toHaveLength(2);
    expect(codeOf(await stack.request(ASSIGN, { id: conversation.id, agentId: customer.id }, { authorization: customer.authorization }))).toBe('FORBIDDEN');
  });

  it('offers conversations waiting for a person round-robin among the agents on duty, and lets the rest be claimed', async () => {
    await stack.prisma.chatAgent.deleteMany();
    const agents = await Promise.all([bearer('STAFF'), bearer('STAFF'), bearer('STAFF')]);
    for (const agent of agents) await stack.request(ON_DUTY, { available: true }, { authorization: agent });
    const assignees: Array<string | undefined> = [];
    for (let i = 0; i < 6; i += 1) {
      const conversation = await startConversation(stack, customer.authorization);
      const response = await stack.request<{ requestAgent: { waitingForAgent: boolean; assignee: { id: string } | null } }>(
        REQUEST_AGENT,
        { id: conversation.id },
        { authorization: customer.authorization },
      );
      assignees.push(response.body.data?.requestAgent.assignee?.id);
    }
    const ids = agents.map(userIdOf);
    expect(new Set(assignees.slice(0, 3))).toEqual(new Set(ids));
    expect(assignees.slice(3)).toEqual(assignees.slice(0, 3));

    for (const agent of agents) await stack.request(ON_DUTY, { available: false }, { authorization: agent });
    const waiting = await startConversation(stack, customer.authorization);
    const response = await stack.request<{ requestAgent: { waitingForAgent: boolean; assignee: null } }>(REQUEST_AGENT, { id: waiting.id }, { authorization: customer.authorization });
    expect(response.body.data?.requestAgent).toMatchObject({ waitingForAgent: true, assignee: null });
    expect(await systemBodies(waiting.id)).toEqual([expect.stringMatching(/asked for a person/)]);
    const claimer = await bearer('STAFF');
    const [a, b] = await Promise.all([stack.request(CLAIM, {}, { authorization: claimer }), stack.request(CLAIM, {}, { authorization: staff })]);
    const claimed = [a, b].map((r) => r.body.data?.claimNextConversation).filter(Boolean);
    expect(claimed.filter((c) => c.id === waiting.id)).toHaveLength(1);
    expect(claimed.find((c) => c.id === waiting.id)).toMatchObject({ waitingForAgent: false });
  });

  it('lets only the customer ask for a person, and only staff go on duty', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    expect(codeOf(await stack.request(REQUEST_AGENT, { id: conversation.id }, { authorization: staff }))).toBe('FORBIDDEN');
    expect(codeOf(await stack.request(REQUEST_AGENT, { id: conversation.id }, { authorization: outsider.authorization }))).toBe('NOT_FOUND');
    expect(codeOf(await stack.request(ON_DUTY, { available: true }, { authorization: customer.authorization }))).toBe('FORBIDDEN');
  });
});
