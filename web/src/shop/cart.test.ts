import { addToCart, cartTotal, setQuantity, type Cart } from './cart';

const coffee = { productId: 'p1', name: 'Coffee', price: { amount: '14.90', currencyCode: 'EUR' } };
const soap = { productId: 'p2', name: 'Soap', price: { amount: '3.50', currencyCode: 'EUR' } };

describe('the cart', () => {
  it('adds up lines in cents, merging the same product', () => {
    let cart: Cart = { lines: [], checkoutKey: 'k0' };
    cart = addToCart(cart, coffee);
    cart = addToCart(cart, coffee);
    cart = addToCart(cart, soap, 3);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ['p1', 2],
      ['p2', 3],
    ]);
    expect(cartTotal(cart)).toEqual({ amount: '40.30', currencyCode: 'EUR' });
  });

  it('takes a new idempotency key whenever the cart changes, so a changed cart is a new order', () => {
    const first = addToCart({ lines: [], checkoutKey: 'k0' }, coffee);
    const second = setQuantity(first, 'p1', 3);
    expect(new Set(['k0', first.checkoutKey, second.checkoutKey]).size).toBe(3);
    expect(setQuantity(second, 'p1', 0).lines).toEqual([]);
  });

  it('does not total mixed currencies', () => {
    const cart = addToCart(addToCart({ lines: [], checkoutKey: 'k' }, coffee), { ...soap, price: { amount: '3.50', currencyCode: 'USD' } });
    expect(cartTotal(cart)).toBeNull();
  });
});
