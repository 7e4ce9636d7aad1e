import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '@bodega/errors';

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw badUserInput('DateTime must be an ISO-8601 string.');
  return date;
}

/** ISO-8601 date-times, shared by every subgraph that declares `scalar DateTime`. */
export const dateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});
