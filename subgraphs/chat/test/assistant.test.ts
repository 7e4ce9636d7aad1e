import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { startStack, type Stack } from '@bodega/testing/stack';
import { startRagStandIn, type RagStandIn } from './rag-stand-in';
import { codeOf, readConversation, startConversation } from './support';

let stack: Stack;
let rag: RagStandIn;
let customer: Shopper;
let outsider: Shopper;

beforeAll(async () => {
  faker.seed(4005);
  rag = await startRagStandIn();
  stack = await startStack({ ragUrl: rag.url });
  await takeAdminSeat(stack);
  customer = await signUpShopper(stack);
  outsider = await signUpShopper(stack);
});
afterAll(async () => {
  await stack.close();
  await rag.close();
});

const ASK = `mutation($conversationId: ID!, $question: String!) {
  askAssistant(conversationId: $conversationId, question: $question) { id body role sequence author { id } citations { quote title document { id } } }
}`;

interface Answered {
  askAssistant: { id: string; body: string; role: string; sequence: number; author: null; citations: Array<{ quote: string; title: string; document: { id: string } }> };
}

const ask = (conversationId: string, question: string, authorization = customer.authorization) =>
  stack.request<Answered>(ASK, { conversationId, question }, { authorization });

describe('the assistant (askAssistant)', () => {
  it('answers from the knowledge base as an ASSISTANT message with its citations, asked as the chat service', async () => {
    const documentId = faker.string.uuid();
    rag.answerWith({
      text: 'Returns are free within 30 days.',
      grounded: true,
      citations: [{ quote: 'free within 30 days', document: { id: documentId, title: 'Returns policy' } }],
    });
    const conversation = await startConversation(stack, customer.authorization);
    const response = await ask(conversation.id, 'How long do I have to return a kettle?');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.askAssistant).toMatchObject({
      role: 'ASSISTANT',
      body: 'Returns are free within 30 days.',
      author: null,
      citations: [{ quote: 'free within 30 days', title: 'Returns policy', document: { id: documentId } }],
    });
    expect(rag.asked.at(-1)).toMatchObject({ question: 'How long do I have to return a kettle?', caller: 'chat' });

    const view = await readConversation(stack, customer.authorization, conversation.id);
    expect(view.body.data!.conversation!.messages.edges.slice(-2).map((edge) => [edge.node.role, edge.node.body])).toEqual([
      ['CUSTOMER', 'How long do I have to return a kettle?'],
      ['ASSISTANT', 'Returns are free within 30 days.'],
    ]);
    expect(view.body.data!.conversation!.waitingForAgent).toBe(false);
    const event = await stack.prisma.chatEvent.findFirstOrThrow({ where: { conversationId: conversation.id }, orderBy: { version: 'desc' } });
    expect(event.payload).toMatchObject({ type: 'MESSAGE_ADDED', message: { role: 'ASSISTANT', citations: [{ quote: 'free within 30 days', documentId }] } });
  });

  it('says so when the answer is not grounded and hands the conversation to a person the customer can see', async () => {
    rag.answerWith({ text: "The shop's documents do not cover this.", grounded: false, citations: [] });
    const conversation = await startConversation(stack, customer.authorization);
    const response = await ask(conversation.id, 'What is the airspeed of a laden swallow?');
    expect(response.body.data?.askAssistant).toMatchObject({ role: 'ASSISTANT', citations: [] });
    expect(response.body.data?.askAssistant.body).toMatch(/do not cover this.*person/);
    const view = (await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!;
    expect(view.waitingForAgent).toBe(true);
    expect(view.messages.edges.at(-1)!.node).toMatchObject({ role: 'SYSTEM', body: expect.stringMatching(/passed the conversation to a person/) });
  });

  it('hands off when the knowledge base cannot be asked, saying why', async () => {
    rag.answerWith({ status: 503 });
    const conversation = await startConversation(stack, customer.authorization);
    const response = await ask(conversation.id, 'Do you ship to Norway?');
    expect(response.body.data?.askAssistant.body).toMatch(/can't reach/);
    expect((await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!.waitingForAgent).toBe(true);
  });

  it('answers an outsider NOT_FOUND without asking the knowledge base', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const asked = rag.asked.length;
    expect(codeOf(await ask(conversation.id, 'Anything?', outsider.authorization))).toBe('NOT_FOUND');
    expect(rag.asked.length).toBe(asked);
  });

  it('refuses an empty question with BAD_USER_INPUT', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    expect((await ask(conversation.id, '  ')).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'question' });
  });

  it('lets staff ask on the customer’s behalf', async () => {
    rag.answerWith({ text: 'Yes.', grounded: true, citations: [{ quote: 'Yes', document: { id: faker.string.uuid(), title: 'FAQ' } }] });
    const conversation = await startConversation(stack, customer.authorization);
    const response = await ask(conversation.id, 'Is there a warranty?', await bearer('STAFF'));
    expect(response.body.data?.askAssistant.role).toBe('ASSISTANT');
  });
});
