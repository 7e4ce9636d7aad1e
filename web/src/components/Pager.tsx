import { graphql, useFragment, type FragmentType } from '../graphql/generated';
import type { CursorPages } from '../hooks/use-cursor-pages';

/** What the pager reads of a connection's page: spread it into the list's `pageInfo`. */
export const PagerPageInfoFragment = graphql(`
  fragment PagerPageInfo on PageInfo {
    hasNextPage
    endCursor
  }
`);

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
  pageInfo: FragmentType<typeof PagerPageInfoFragment> | undefined;
  /** Show "Page n" between the buttons. @default true */
  numbered?: boolean;
}) {
  const info = useFragment(PagerPageInfoFragment, pageInfo);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="secondary" disabled={pages.page <= 1} onClick={pages.previous}>
        Previous page
      </button>
      {numbered && <span>Page {pages.page}</span>}
      <button type="button" className="secondary" disabled={!info?.hasNextPage} onClick={() => pages.next(info?.endCursor)}>
        Next page
      </button>
    </nav>
  );
}
