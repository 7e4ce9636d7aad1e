import { badUserInput } from '@bodega/errors';
import { isUuid } from './ids';

/** Keyset position: the sort key of the last row seen and its id, opaque to clients. */
export type Cursor = { kind: 'newest'; createdAt: string; id: string } | { kind: 'relevance'; rank: number; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string, expected: Cursor['kind']): Cursor {
  let cursor: Cursor | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
  } catch {
    cursor = undefined;
  }
  const valid =
    cursor !== undefined &&
    typeof cursor === 'object' &&
    typeof cursor.id === 'string' &&
    isUuid(cursor.id) &&
    ((cursor.kind === 'newest' && typeof cursor.createdAt === 'string' && !Number.isNaN(Date.parse(cursor.createdAt))) ||
      (cursor.kind === 'relevance' && typeof cursor.rank === 'number'));
  if (!cursor || !valid) {
    throw badUserInput('after: not a cursor from this list; use pageInfo.endCursor of the previous page.', 'after');
  }
  if (cursor.kind !== expected) {
    throw badUserInput('after: this cursor belongs to a list with a different search; start again without it.', 'after');
  }
  return cursor;
}
