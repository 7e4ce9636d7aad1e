import { useSession } from '../auth/SessionProvider';
import { Link } from '../router';
import { useCartCount } from '../shop/cart';

/** "Cart" in the header with how many units it holds, so the cart is one tap away on a phone. */
export function CartLink() {
  const { session } = useSession();
  const count = useCartCount(session?.user.id);
  return (
    <Link to="/shop#cart" aria-label={count ? `Cart, ${count} item${count === 1 ? '' : 's'}` : 'Cart, empty'}>
      Cart
      {count > 0 && (
        <span className="badge" data-testid="cart-badge" aria-hidden="true">
          {count}
        </span>
      )}
    </Link>
  );
}
