import { badUserInput } from '@bodega/errors';
import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CursorCodec<T> {
  encode(position: T): string;
  /** The position in `value`; BAD_USER_INPUT on `after` for anything this list did not hand out. */
  decode(value: string): T;
}

/**
 * Opaque keyset cursors: base64url JSON checked against a schema, so a forged or foreign cursor
 * is BAD_USER_INPUT naming `after`, never a query on garbage.
 */
export function cursorCodec<T>(schema: z.ZodType<T>): CursorCodec<T> {
  return {
    encode: (position) => Buffer.from(JSON.stringify(position)).toString('base64url'),
    decode: (value) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw badUserInput('This is not a cursor from this list; use pageInfo.endCursor of the previous page.', 'after');
      return result.data;
    },
  };
}

/** The position in a newest-first (or oldest-first) list: the row's creation time and its uuid. */
export const createdAtPosition = z.object({
  createdAt: z.iso.datetime({ offset: true }),
  id: z.string().regex(UUID),
});
export type CreatedAtPosition = z.infer<typeof createdAtPosition>;

/** Cursors over (created_at, id), the keyset of most lists. */
export const createdAtCursor = cursorCodec(createdAtPosition);

/** A row's (created_at, id) cursor. */
export function createdAtCursorOf(row: { createdAt: Date; id: string }): string {
  return createdAtCursor.encode({ createdAt: row.createdAt.toISOString(), id: row.id });
}
