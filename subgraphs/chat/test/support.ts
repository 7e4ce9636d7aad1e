import { faker } from '@faker-js/faker';
import { contractOperation, type GraphQLResponse, type Stack } from '@bodega/testing/stack';

export interface StartedConversation {
  id: string;
  subject: string;
  status: string;
  messages: { edges: Array<{ node: { id: string; body: string; role: string } }> };
}

export interface SentMessage {
  id: string;
  body: string;
  role: string;
  createdAt: string;
  author: { id: string } | null;
}

/** StartConversation as the contract sends it; fails the test on any error. */
export async function startConversation(
  stack: Stack,
  authorization: string,
  input: Partial<{ subject: string; body: string; orderId: string; clientMessageId: string }> = {},
): Promise<StartedConversation> {
  const response = await startConversationResponse(stack, authorization, input);
  const conversation = response.body.data?.startConversation;
  if (!conversation) throw new Error(`StartConversation failed: ${JSON.stringify(response.body.errors)}`);
  return conversation;
}

export function startConversationResponse(
  stack: Stack,
  authorization: string,
  input: Partial<{ subject: string; body: string; orderId: string; clientMessageId: string }> = {},
): Promise<GraphQLResponse<{ startConversation: StartedConversation }>> {
  return stack.request<{ startConversation: StartedConversation }>(
    contractOperation('StartConversation'),
    { input: { subject: faker.lorem.words(4), body: faker.lorem.sentence(), ...input } },
    { authorization },
  );
}

/** SendMessage as the contract sends it. */
export function sendMessage(stack: Stack, authorization: string, conversationId: string, body: string = faker.lorem.sentence()) {
  return stack.request<{ sendMessage: SentMessage }>(contractOperation('SendMessage'), { conversationId, body }, { authorization });
}

export const SEND_WITH_ID = `mutation($conversationId: ID!, $body: String!, $clientMessageId: String, $internal: Boolean) {
  sendMessage(conversationId: $conversationId, body: $body, clientMessageId: $clientMessageId, internal: $internal) {
    id body role sequence cursor internal clientMessageId author { id }
  }
}`;

export interface FullMessage {
  id: string;
  body: string;
  role: string;
  sequence: number;
  cursor: string;
  internal: boolean;
  clientMessageId: string | null;
  author: { id: string } | null;
}

/** sendMessage with the fields beyond the contract's (clientMessageId, internal). */
export function send(
  stack: Stack,
  authorization: string,
  conversationId: string,
  options: { body?: string; clientMessageId?: string; internal?: boolean } = {},
) {
  return stack.request<{ sendMessage: FullMessage }>(
    SEND_WITH_ID,
    { conversationId, body: options.body ?? faker.lorem.sentence(), clientMessageId: options.clientMessageId, internal: options.internal },
    { authorization },
  );
}

export const CONVERSATION = `query($id: ID!) {
  conversation(id: $id) {
    id subject status waitingForAgent unreadCount agentReadUpTo customerReadUpTo version
    customer { id } assignee { id }
    messages(last: 100) { edges { cursor node { id body role sequence internal clientMessageId author { id } } } }
  }
}`;

export interface ConversationView {
  id: string;
  subject: string;
  status: string;
  waitingForAgent: boolean;
  unreadCount: number;
  agentReadUpTo: number;
  customerReadUpTo: number;
  version: number;
  customer: { id: string };
  assignee: { id: string } | null;
  messages: { edges: Array<{ cursor: string; node: FullMessage }> };
}

export function readConversation(stack: Stack, authorization: string, id: string) {
  return stack.request<{ conversation: ConversationView | null }>(CONVERSATION, { id }, { authorization });
}

export function codeOf(response: GraphQLResponse): string | undefined {
  return response.body.errors?.[0]?.extensions?.code;
}
