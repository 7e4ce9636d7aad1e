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

describe('quantities capped at the stock', () => {
  it('never adds more of a product than the stock last seen, and a later add brings the newer stock', () => {
    let cart: Cart = { lines: [], checkoutKey: 'k0' };
    cart = addToCart(cart, { ...coffee, stock: 2 }, 1);
    cart = addToCart(cart, { ...coffee, stock: 2 }, 1);
    cart = addToCart(cart, { ...coffee, stock: 2 }, 1);
    expect(cart.lines[0]).toMatchObject({ quantity: 2, stock: 2 });
    cart = addToCart(cart, { ...coffee, stock: 5 }, 1);
    expect(cart.lines[0]).toMatchObject({ quantity: 3, stock: 5 });
  });

  it('holds a typed quantity at the stock, and drops a line whose product is sold out', () => {
    let cart = addToCart({ lines: [], checkoutKey: 'k0' }, { ...soap, stock: 4 });
    cart = setQuantity(cart, 'p2', 40);
    expect(cart.lines[0]?.quantity).toBe(4);
    expect(setQuantity(cart, 'p2', Number.NaN).lines).toEqual([]);
    expect(addToCart({ lines: [], checkoutKey: 'k0' }, { ...soap, stock: 0 }).lines).toEqual([]);
  });

  it('leaves an old cart line without a known stock at the input\'s own bound', () => {
    const cart = setQuantity(addToCart({ lines: [], checkoutKey: 'k0' }, coffee), 'p1', 5000);
    expect(cart.lines[0]?.quantity).toBe(999);
  });
});
