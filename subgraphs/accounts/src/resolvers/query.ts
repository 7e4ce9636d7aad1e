import type { QueryResolvers } from '../generated/graphql';
import { listUsers } from '../services/user-list';
import { me } from '../services/users';

export const Query: QueryResolvers = {
  me: (_root, _args, ctx) => me(ctx),
  users: (_root, args, ctx) => listUsers(ctx, args),
};
