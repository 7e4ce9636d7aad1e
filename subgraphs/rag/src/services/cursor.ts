import { badUserInput } from '@bodega/errors';
import { z } from 'zod';

/** Opaque keyset cursors: base64url JSON checked against a schema, so a forged one is BAD_USER_INPUT. */
export function cursorCodec<T>(schema: z.ZodType<T>) {
  return {
    encode: (position: T): string => Buffer.from(JSON.stringify(position)).toString('base64url'),
    decode: (value: string): T => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const result = schema.safeParse(parsed);
      if (!result.success) throw badUserInput('after: not a cursor from this list; use pageInfo.endCursor of the previous page.', 'after');
      return result.data;
    },
  };
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}
