import type { ConversationResolvers, MessageCitationResolvers, MessageResolvers } from '../generated/graphql';
import { conversationReference } from '../services/conversations';
import { cursorOfSequence } from '../services/cursor';
import { listMessages } from '../services/messages';
import { readPositions, unreadCount } from '../services/reads';

export const Conversation: ConversationResolvers = {
  __resolveReference: (reference, ctx) => conversationReference(ctx, reference.id),
  customer: (conversation) => ({ id: conversation.customerId }),
  assignee: (conversation) => (conversation.assigneeId ? { id: conversation.assigneeId } : null),
  order: (conversation) => (conversation.orderId ? { id: conversation.orderId } : null),
  messages: (conversation, args, ctx) => listMessages(ctx, conversation, args),
  unreadCount: (conversation, _args, ctx) => unreadCount(ctx, conversation),
  agentReadUpTo: async (conversation, _args, ctx) => (await readPositions(ctx, conversation)).agent,
  customerReadUpTo: async (conversation, _args, ctx) => (await readPositions(ctx, conversation)).customer,
};

// A subscription's context lives as long as the subscription: read the conversation fresh per message.
export const Message: MessageResolvers = {
  conversation: async (message, _args, ctx) => {
    const conversation = await ctx.loaders.conversation.clear(message.conversationId).load(message.conversationId);
    if (!conversation) throw new Error(`conversation ${message.conversationId} vanished after its message`);
    return conversation;
  },
  cursor: (message) => cursorOfSequence(message.sequence),
  author: (message) => (message.authorId ? { id: message.authorId } : null),
};

export const MessageCitation: MessageCitationResolvers = {
  title: (citation) => citation.documentTitle,
  document: (citation) => ({ id: citation.documentId }),
};
