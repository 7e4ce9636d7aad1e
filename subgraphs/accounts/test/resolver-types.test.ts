import type { MutationResolvers, QueryResolvers } from '../src/generated/graphql';
import { resolvers } from '../src/resolvers';

// Compile-time checks, enforced by `npm run typecheck`: a root field without a resolver does not compile.
// @ts-expect-error users is missing
const incompleteQuery: QueryResolvers = { me: () => null };
// @ts-expect-error logIn, logOut, refreshSession and setUserRole are missing
const incompleteMutation: MutationResolvers = { signUp: () => Promise.reject(new Error('unused')) };

describe('typed resolvers', () => {
  it('implement every root field of the accounts schema', () => {
    expect(Object.keys(resolvers.Query ?? {}).sort()).toEqual(['me', 'users']);
    expect(Object.keys(resolvers.Mutation ?? {}).sort()).toEqual(['changePassword', 'logIn', 'logOut', 'refreshSession', 'setUserRole', 'signUp', 'updateMyProfile']);
    expect([incompleteQuery, incompleteMutation]).toHaveLength(2);
  });
});
