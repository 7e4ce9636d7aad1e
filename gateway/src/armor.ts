import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on abusive documents, checked before any subgraph is called. They answer
 * BAD_USER_INPUT with the limit in the message. Defaults fit the contract's deepest
 * operation (depth 6) with room to spare.
 */
export const LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 20, maxCost: 5000 } as const;

export function armor() {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { maxCost: LIMITS.maxCost },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
