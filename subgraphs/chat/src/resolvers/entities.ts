import type { UserResolvers } from '../generated/graphql';
import { conversationsOfUser } from '../services/conversations';

/** Fields the chat subgraph contributes to other subgraphs' entities. */
export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  conversations: (user, args, ctx) => conversationsOfUser(ctx, user.id, args),
};
