import type { QueryResolvers } from '../generated/graphql';
import { getConversation, listConversations } from '../services/conversations';

export const Query: QueryResolvers = {
  conversation: (_root, { id }, ctx) => getConversation(ctx, id),
  conversations: (_root, args, ctx) => listConversations(ctx, args),
};
