import type { UserResolvers } from '../generated/graphql';
import { userById } from '../services/users';

export const User: UserResolvers = {
  __resolveReference: (reference, ctx) => userById(ctx, reference.id),
};
