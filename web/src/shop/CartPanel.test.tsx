import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { mockClient, renderWith } from '../../test/render';
import { addToCart, type Cart } from './cart';
import { CartPanel } from './CartPanel';

const coffee = { productId: 'p1', name: 'Coffee', price: { amount: '14.90', currencyCode: 'EUR' }, stock: 3 };

function Harness({ start }: { start: Cart }) {
  const [cart, setCart] = useState(start);
  return <CartPanel cart={cart} update={(change) => setCart(change)} onPlaced={() => undefined} signedIn />;
}

describe('CartPanel quantities', () => {
  it('caps a typed quantity at the stock and says so next to it', () => {
    renderWith(mockClient(), <Harness start={addToCart({ lines: [], checkoutKey: 'k0' }, coffee)} />);
    const quantity = screen.getByLabelText('Quantity of Coffee') as HTMLInputElement;
    expect(quantity.max).toBe('3');
    expect(quantity.getAttribute('aria-describedby')).toBeNull();
    fireEvent.change(quantity, { target: { value: '12' } });
    expect(quantity.value).toBe('3');
    expect(document.getElementById(quantity.getAttribute('aria-describedby')!)?.textContent).toBe('All 3 in stock');
  });
});
