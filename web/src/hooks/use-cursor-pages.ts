import { useCallback, useState } from 'react';

export interface CursorPages {
  /** The `after` argument of the page shown: null on the first page. */
  after: string | null;
  /** The page shown, counting from 1. */
  page: number;
  /** Back to the page before (the first page stays where it is). */
  previous(): void;
  /** On to the page after the one shown, which ended at `endCursor`. */
  next(endCursor: string | null | undefined): void;
}

interface State {
  resetKey: string;
  /** The `after` of every page from the first to the one shown: "Next" pushes, "Previous" pops. */
  cursors: Array<string | null>;
}

/**
 * Forward cursor paging with a way back: the cursors of the pages before the one shown are kept,
 * so "Previous page" returns to exactly the page that was seen. A new `resetKey` (a changed filter
 * or search, as a string) starts again from the first page, in the same render, so the old cursor is
 * never sent with the new filter.
 */
export function useCursorPages(resetKey = ''): CursorPages {
  const [state, setState] = useState<State>({ resetKey, cursors: [null] });
  let { cursors } = state;
  if (state.resetKey !== resetKey) {
    cursors = [null];
    setState({ resetKey, cursors });
  }
  const previous = useCallback(() => setState((s) => (s.cursors.length > 1 ? { ...s, cursors: s.cursors.slice(0, -1) } : s)), []);
  const next = useCallback((endCursor: string | null | undefined) => setState((s) => ({ ...s, cursors: [...s.cursors, endCursor ?? null] })), []);
  return { after: cursors[cursors.length - 1] ?? null, page: cursors.length, previous, next };
}
