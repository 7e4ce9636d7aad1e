import { render, screen } from '@testing-library/react';
import { cartKey } from '../shop/cart';
import { CartLink } from './CartLink';

jest.mock('../auth/SessionProvider', () => ({ useSession: () => ({ session: null }) }));

describe('the cart badge in the header', () => {
  beforeEach(() => localStorage.clear());

  it('shows how many units the cart holds and links to it', () => {
    localStorage.setItem(cartKey(undefined), JSON.stringify({ lines: [{ productId: 'p1', name: 'Coffee', price: null, quantity: 3 }], checkoutKey: 'k' }));
    render(<CartLink />);
    const link = screen.getByRole('link', { name: 'Cart, 3 items' });
    expect(link.getAttribute('href')).toBe('/shop#cart');
    expect(screen.getByTestId('cart-badge').textContent).toBe('3');
  });

  it('says the cart is empty without a badge', () => {
    render(<CartLink />);
    expect(screen.getByRole('link', { name: 'Cart, empty' })).toBeTruthy();
    expect(screen.queryByTestId('cart-badge')).toBeNull();
  });
});
