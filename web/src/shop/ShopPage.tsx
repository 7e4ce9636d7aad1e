import { useState } from 'react';
import { useUser } from '../auth/SessionProvider';
import { addToCart } from './cart';
import { CartPanel } from './CartPanel';
import { Catalogue } from './Catalogue';
import { MyOrders } from './MyOrders';
import { useCart } from './cart';

/** The customer's shop: browse, fill a cart, order, and follow the orders. */
export function ShopPage() {
  const user = useUser();
  const { cart, update, clear } = useCart(user?.id);
  const [placed, setPlaced] = useState<number | null>(null);

  return (
    <div className="page shop">
      <h1>Shop</h1>
      {placed !== null && (
        <p role="status" className="ok">
          Order #{placed} placed. You can follow it under My orders.
        </p>
      )}
      <div className="shop-layout">
        <Catalogue
          onAdd={(line) => {
            setPlaced(null);
            update((c) => addToCart(c, line));
          }}
        />
        <aside>
          <CartPanel
            cart={cart}
            update={update}
            signedIn={!!user}
            onPlaced={(number) => {
              setPlaced(number);
              clear();
            }}
          />
          {user && <MyOrders />}
        </aside>
      </div>
    </div>
  );
}
