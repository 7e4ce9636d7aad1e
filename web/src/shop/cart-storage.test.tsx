import { act, render, renderHook, screen } from '@testing-library/react';
import { adoptGuestCart, cartKey, mergeCarts, useCart, useCartCount, type Cart } from './cart';

const coffee = { productId: 'p1', name: 'Coffee', price: { amount: '14.90', currencyCode: 'EUR' } };
const soap = { productId: 'p2', name: 'Soap', price: { amount: '3.50', currencyCode: 'EUR' } };
const stored = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as Cart | null;
const put = (key: string, lines: Cart['lines']) => localStorage.setItem(key, JSON.stringify({ lines, checkoutKey: 'k' }));

describe('the cart across sign-in and tabs', () => {
  beforeEach(() => localStorage.clear());

  it('merges the guest cart into the user cart, summing the same product', () => {
    const merged = mergeCarts({ lines: [{ ...coffee, quantity: 1 }], checkoutKey: 'a' }, { lines: [{ ...coffee, quantity: 2 }, { ...soap, quantity: 1 }], checkoutKey: 'b' });
    expect(merged.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['p1', 3],
      ['p2', 1],
    ]);
  });

  it('keeps what a guest put in the cart once they sign up or log in, and empties the guest cart', () => {
    put(cartKey(undefined), [{ ...soap, quantity: 2 }]);
    const { result, rerender } = renderHook(({ userId }: { userId?: string }) => useCart(userId), { initialProps: {} as { userId?: string } });
    expect(result.current.cart.lines).toHaveLength(1);
    rerender({ userId: 'u1' });
    expect(result.current.cart.lines.map((line) => [line.productId, line.quantity])).toEqual([['p2', 2]]);
    expect(stored(cartKey(undefined))).toBeNull();
    expect(stored(cartKey('u1'))?.lines).toHaveLength(1);
    adoptGuestCart('u1'); // nothing left to adopt: nothing doubles
    expect(stored(cartKey('u1'))?.lines[0]?.quantity).toBe(2);
  });

  it('applies a change to what storage holds, so a stale tab never drops another tab’s additions', () => {
    const { result } = renderHook(() => useCart('u2'));
    act(() => result.current.update((cart) => ({ ...cart, lines: [{ ...coffee, quantity: 1 }] })));
    // Another tab adds soap; this tab has not re-rendered yet.
    put(cartKey('u2'), [{ ...coffee, quantity: 1 }, { ...soap, quantity: 1 }]);
    act(() => result.current.update((cart) => ({ ...cart, lines: cart.lines.map((line) => (line.productId === 'p1' ? { ...line, quantity: 5 } : line)) })));
    expect(stored(cartKey('u2'))?.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['p1', 5],
      ['p2', 1],
    ]);
  });

  it('follows writes of other tabs (storage events) for the header badge', () => {
    function Badge() {
      return <span data-testid="count">{useCartCount('u3')}</span>;
    }
    render(<Badge />);
    expect(screen.getByTestId('count').textContent).toBe('0');
    act(() => {
      put(cartKey('u3'), [{ ...coffee, quantity: 2 }, { ...soap, quantity: 1 }]);
      window.dispatchEvent(new StorageEvent('storage', { key: cartKey('u3') }));
    });
    expect(screen.getByTestId('count').textContent).toBe('3');
  });
});
