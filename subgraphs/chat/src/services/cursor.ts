import { cursorCodec } from '@bodega/paging';
import { z } from 'zod';

/** A message's place in its conversation: the cursor messageAdded(after:) and messages(after:) take. */
export const sequenceCursor = cursorCodec(z.object({ s: z.number().int().min(0) }));

export function cursorOfSequence(sequence: number): string {
  return sequenceCursor.encode({ s: sequence });
}

export function sequenceOfCursor(cursor: string): number {
  return sequenceCursor.decode(cursor).s;
}
