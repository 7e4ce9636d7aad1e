import { badUserInput } from '@bodega/errors';
import { createdAtPosition, cursorCodec } from '@bodega/paging';
import { z } from 'zod';

/** Keyset position in the products list: newest first, or by relevance while searching. */
const productPosition = z.discriminatedUnion('kind', [
  createdAtPosition.extend({ kind: z.literal('newest') }),
  z.object({ kind: z.literal('relevance'), rank: z.number(), id: createdAtPosition.shape.id }),
]);
export type Cursor = z.infer<typeof productPosition>;

const productCursor = cursorCodec(productPosition);
export const encodeCursor = productCursor.encode;

/** A cursor of this list, for a list sorted the same way (a search's cursor does not page the plain list). */
export function decodeCursor(value: string, expected: Cursor['kind']): Cursor {
  const cursor = productCursor.decode(value);
  if (cursor.kind !== expected) {
    throw badUserInput('This cursor belongs to a list with a different search; start again without it.', 'after');
  }
  return cursor;
}
