import type { MutationResolvers } from '../generated/graphql';
import { askAssistant, requestAgent } from '../services/assistant';
import { claimNextConversation, setAgentAvailability } from '../services/assignment';
import { startConversation } from '../services/conversations';
import { assignConversation, setConversationStatus } from '../services/lifecycle';
import { sendMessage } from '../services/messages';
import { markRead } from '../services/reads';
import { setTyping } from '../services/typing';

export const Mutation: MutationResolvers = {
  startConversation: (_root, { input }, ctx) => startConversation(ctx, input),
  sendMessage: (_root, args, ctx) => sendMessage(ctx, args),
  askAssistant: (_root, args, ctx) => askAssistant(ctx, args),
  requestAgent: (_root, { conversationId }, ctx) => requestAgent(ctx, conversationId),
  setConversationStatus: (_root, { conversationId, status }, ctx) => setConversationStatus(ctx, conversationId, status),
  assignConversation: (_root, { conversationId, agentId }, ctx) => assignConversation(ctx, conversationId, agentId),
  setAgentAvailability: (_root, { available }, ctx) => setAgentAvailability(ctx, available),
  claimNextConversation: (_root, _args, ctx) => claimNextConversation(ctx),
  markRead: (_root, { conversationId, upTo }, ctx) => markRead(ctx, conversationId, upTo),
  setTyping: (_root, { conversationId, typing }, ctx) => setTyping(ctx, conversationId, typing ?? true),
};
