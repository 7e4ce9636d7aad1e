import { fireEvent, render, screen } from '@testing-library/react';
import { ErrorBoundary } from './ErrorBoundary';

/** Throws while `broken.now` is set, like a screen meeting data it did not expect. */
const broken = { now: true };
function Stock() {
  if (broken.now) throw new Error("Cannot read properties of undefined (reading 'stock')");
  return <p>12 in stock</p>;
}

describe('ErrorBoundary', () => {
  beforeEach(() => {
    broken.now = true;
    // React reports every caught error on the console; the test looks at the screen instead.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows what failed, in an alert, in place of the part that threw', () => {
    render(
      <>
        <header>Bodega</header>
        <ErrorBoundary what="The products screen">
          <Stock />
        </ErrorBoundary>
      </>,
    );

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The products screen stopped working.');
    expect(alert.textContent).toContain("What failed: Cannot read properties of undefined (reading 'stock')");
    expect(screen.getByText('Bodega')).toBeTruthy();
  });

  it('offers a Retry and a link that reloads the page', () => {
    window.history.pushState(null, '', '/products?page=2');
    render(
      <ErrorBoundary what="The products screen">
        <Stock />
      </ErrorBoundary>,
    );

    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'reload the page' }).getAttribute('href')).toBe('/products?page=2');
  });

  it('renders the part again on Retry, and shows the failure again if it still fails', () => {
    render(
      <ErrorBoundary what="The products screen">
        <Stock />
      </ErrorBoundary>,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByRole('alert').textContent).toContain('stopped working');

    broken.now = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('12 in stock')).toBeTruthy();
  });

  it('starts afresh when its reset key changes (another screen was opened)', () => {
    const { rerender } = render(
      <ErrorBoundary what="The products screen" resetKey="/products">
        <Stock />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();

    broken.now = false;
    rerender(
      <ErrorBoundary what="The orders screen" resetKey="/orders">
        <Stock />
      </ErrorBoundary>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('12 in stock')).toBeTruthy();
  });

  it('names what was thrown when it is not an Error', () => {
    function Odd(): never {
      throw 'the stock feed sent a string';
    }
    render(
      <ErrorBoundary what="Bodega">
        <Odd />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Bodega stopped working. What failed: the stock feed sent a string');
  });
});
