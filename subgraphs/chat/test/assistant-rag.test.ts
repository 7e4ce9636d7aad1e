// The assistant against the real rag subgraph of the same stack: chat asks it service to service.
import { faker } from '@faker-js/faker';
import { ingestReady, RETURNS_POLICY } from '@bodega/testing/knowledge-base';
import { signUpShopper, takeAdminSeat, type Shopper } from '@bodega/testing/shop';
import { startStack, type Stack } from '@bodega/testing/stack';
import { readConversation, startConversation } from './support';

let stack: Stack;
let customer: Shopper;
let returns: { id: string; title: string };
let handbook: { id: string };

beforeAll(async () => {
  faker.seed(4006);
  stack = await startStack();
  await takeAdminSeat(stack);
  customer = await signUpShopper(stack);
  returns = await ingestReady(stack, { title: `Returns ${faker.string.alphanumeric(6)}`, content: RETURNS_POLICY, mimeType: 'text/markdown' });
  handbook = await ingestReady(stack, {
    title: `Staff handbook ${faker.string.alphanumeric(6)}`,
    content: '# Goodwill refunds\n\nStaff may refund up to 40 EUR of a return without a receipt with the back-office override.\n',
    mimeType: 'text/markdown',
    visibility: 'INTERNAL',
  });
}, 60_000);
afterAll(() => stack.close());

const ASK = `mutation($conversationId: ID!, $question: String!) {
  askAssistant(conversationId: $conversationId, question: $question) { role body citations { quote title document { id } } }
}`;

interface Answered {
  askAssistant: { role: string; body: string; citations: Array<{ quote: string; title: string; document: { id: string } }> };
}

describe('the assistant with the knowledge base of this shop', () => {
  it('answers from a PUBLIC document, citing it with a quote taken from it', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await stack.request<Answered>(
      ASK,
      { conversationId: conversation.id, question: 'How many days do I have to send something back for a refund?' },
      { authorization: customer.authorization },
    );
    expect(response.body.errors).toBeUndefined();
    const answer = response.body.data!.askAssistant;
    expect(answer.role).toBe('ASSISTANT');
    expect(answer.body).toMatch(/30 days/);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(citation.document.id).toBe(returns.id);
      expect(RETURNS_POLICY).toContain(citation.quote);
    }
    const view = (await readConversation(stack, customer.authorization, conversation.id)).body.data!.conversation!;
    expect(view.waitingForAgent).toBe(false);
  });

  it('never cites an INTERNAL document to a customer, and hands the question to a person instead', async () => {
    const conversation = await startConversation(stack, customer.authorization);
    const response = await stack.request<Answered>(
      ASK,
      { conversationId: conversation.id, question: 'Can staff do a goodwill refund without a receipt with the back-office override?' },
      { authorization: customer.authorization },
    );
    const answer = response.body.data!.askAssistant;
    expect(answer.citations.map((citation) => citation.document.id)).not.toContain(handbook.id);
    expect(answer.body).not.toMatch(/40 EUR/);
  });
});
