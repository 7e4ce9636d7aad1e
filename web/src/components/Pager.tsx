import type { CursorPages } from '../hooks/use-cursor-pages';

export interface PagerPageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * "Previous page" and "Next page" under a cursor-paged list, driven by `useCursorPages`. "Next" waits
 * for the page shown to say there is one after it.
 */
export function Pager({
  label,
  pages,
  pageInfo,
  numbered = true,
}: {
  /** What the pages are of, for screen readers: "Product pages". */
  label: string;
  pages: CursorPages;
  /** The shown page's pageInfo; undefined while it loads. */
  pageInfo: PagerPageInfo | undefined;
  /** Show "Page n" between the buttons. @default true */
  numbered?: boolean;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="secondary" disabled={pages.page <= 1} onClick={pages.previous}>
        Previous page
      </button>
      {numbered && <span>Page {pages.page}</span>}
      <button type="button" className="secondary" disabled={!pageInfo?.hasNextPage} onClick={() => pages.next(pageInfo?.endCursor)}>
        Next page
      </button>
    </nav>
  );
}
