import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';
import { costLimitPlugin } from './cost';

/**
 * Limits on abusive documents, checked before any subgraph is called. They answer
 * BAD_USER_INPUT with the limit in the message. Defaults fit the contract's deepest
 * operation (depth 6) with room to spare.
 */
export const LIMITS = { maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxDirectives: 20, maxCost: 20_000 } as const;

export function armor() {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    // graphql-armor exempts aliases of __typename by default; every alias counts here.
    maxAliases: { n: LIMITS.maxAliases, allowList: [] },
    // Armor's Apollo plugin for tokens throws from parsingDidStart, which Apollo treats as an
    // unexpected error: every syntax error and the limit itself answered 500. graphql-js's own
    // parse option fails the parse instead (400, GRAPHQL_PARSE_FAILED).
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Armor's cost rule counts `first` only when it is a literal; ./cost.ts counts variables and defaults.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const parseOptions: ParseOptions = { maxTokens: LIMITS.maxTokens };
  return { plugins: [...plugins, costLimitPlugin(LIMITS.maxCost)], validationRules, parseOptions };
}
