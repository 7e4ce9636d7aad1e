import { fireEvent, render, screen } from '@testing-library/react';
import { makeFragmentData } from '../graphql/generated';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { Pager, PagerPageInfoFragment } from './Pager';

/** Three pages of a list, by the `after` that asks for them. */
const PAGES = {
  first: makeFragmentData({ hasNextPage: true, endCursor: 'end-of-1' }, PagerPageInfoFragment),
  'end-of-1': makeFragmentData({ hasNextPage: true, endCursor: 'end-of-2' }, PagerPageInfoFragment),
  'end-of-2': makeFragmentData({ hasNextPage: false, endCursor: 'end-of-3' }, PagerPageInfoFragment),
};

/** A list as the screens write one: the hook's `after` goes to the query, the page's pageInfo to the pager. */
function List({ filter, loaded = true, numbered, asked }: { filter: string; loaded?: boolean; numbered?: boolean; asked?: Array<[string, string | null]> }) {
  const pages = useCursorPages(filter);
  asked?.push([filter, pages.after]);
  return (
    <>
      <p data-testid="after">{pages.after ?? 'first'}</p>
      <Pager label="Test pages" pages={pages} pageInfo={loaded ? PAGES[(pages.after ?? 'first') as keyof typeof PAGES] : undefined} numbered={numbered} />
    </>
  );
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const after = () => screen.getByTestId('after').textContent;

describe('Pager and useCursorPages', () => {
  it('start on the first page, without a cursor, with nowhere to go back to', () => {
    render(<List filter="" />);
    expect(after()).toBe('first');
    expect(screen.getByRole('navigation', { name: 'Test pages' }).textContent).toContain('Page 1');
    expect(button('Previous page').disabled).toBe(true);
    expect(button('Next page').disabled).toBe(false);
  });

  it('ask for the page after the end cursor of the page shown, and go back to exactly the page before', () => {
    render(<List filter="" />);
    fireEvent.click(button('Next page'));
    expect(after()).toBe('end-of-1');
    fireEvent.click(button('Next page'));
    expect(after()).toBe('end-of-2');
    expect(screen.getByText('Page 3')).toBeTruthy();

    fireEvent.click(button('Previous page'));
    expect(after()).toBe('end-of-1');
    fireEvent.click(button('Previous page'));
    expect(after()).toBe('first');
    expect(button('Previous page').disabled).toBe(true);
  });

  it('offer no next page on the last page, nor while the page shown is still loading', () => {
    const { rerender } = render(<List filter="" />);
    fireEvent.click(button('Next page'));
    fireEvent.click(button('Next page'));
    expect(button('Next page').disabled).toBe(true);

    rerender(<List filter="" loaded={false} />);
    fireEvent.click(button('Previous page'));
    expect(button('Next page').disabled).toBe(true);
  });

  it('start again from the first page when the filter changes, never sending the old cursor with the new filter', () => {
    const asked: Array<[string, string | null]> = [];
    const { rerender } = render(<List filter="" asked={asked} />);
    fireEvent.click(button('Next page'));
    expect(after()).toBe('end-of-1');

    rerender(<List filter="coffee" asked={asked} />);
    expect(after()).toBe('first');
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(asked.filter(([filter]) => filter === 'coffee').map(([, cursor]) => cursor)).not.toContain('end-of-1');
  });

  it('leave the page number out when asked to', () => {
    render(<List filter="" numbered={false} />);
    expect(screen.getByRole('navigation', { name: 'Test pages' }).textContent).not.toContain('Page');
  });
});
