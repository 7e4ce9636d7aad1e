import type { MutationResolvers } from '../generated/graphql';
import { changePassword, updateMyProfile } from '../services/profile';
import { logIn, logOut, refreshSession } from '../services/sessions';
import { signUp } from '../services/sign-up';
import { setUserRole } from '../services/users';

export const Mutation: MutationResolvers = {
  signUp: (_root, { input }, ctx) => signUp(ctx, input),
  logIn: (_root, { email, password }, ctx) => logIn(ctx, email, password),
  refreshSession: (_root, { refreshToken }, ctx) => refreshSession(ctx, refreshToken),
  logOut: (_root, { refreshToken }, ctx) => logOut(ctx, refreshToken),
  updateMyProfile: (_root, { input }, ctx) => updateMyProfile(ctx, input),
  changePassword: (_root, { input }, ctx) => changePassword(ctx, input),
  setUserRole: (_root, args, ctx) => setUserRole(ctx, args),
};
