import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Money } from '../components/Money';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import { navigate } from '../router';
import { cartTotal, quantityLimit, setQuantity, type Cart } from './cart';

const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      number
      ...LiveOrder
    }
  }
`);

/** The cart and checkout: one placeOrder per checkout, keyed so a retry cannot order twice. */
export function CartPanel({
  cart,
  update,
  onPlaced,
  signedIn,
}: {
  cart: Cart;
  update: (change: (cart: Cart) => Cart) => void;
  onPlaced: (orderNumber: number) => void;
  signedIn: boolean;
}) {
  const [result, placeOrder] = useMutation(PlaceOrderMutation);
  const total = cartTotal(cart);

  const checkout = async () => {
    const placed = await placeOrder({
      input: { items: cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })), idempotencyKey: cart.checkoutKey },
    });
    if (placed.data) onPlaced(placed.data.placeOrder.number);
  };

  return (
    <section className="card cart" id="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">Cart</h2>
      {cart.lines.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <ul className="cart-lines">
          {cart.lines.map((line) => (
            <li key={line.productId}>
              <span>{line.name}</span>
              <label>
                <span className="visually-hidden">Quantity of {line.name}</span>
                <input
                  type="number"
                  min={0}
                  max={quantityLimit(line)}
                  value={line.quantity}
                  aria-describedby={line.stock !== undefined && line.quantity >= line.stock ? `cart-cap-${line.productId}` : undefined}
                  onChange={(e) => update((c) => setQuantity(c, line.productId, Number(e.target.value)))}
                />
              </label>
              {line.stock !== undefined && line.quantity >= line.stock && (
                <span id={`cart-cap-${line.productId}`} className="muted small">
                  {line.stock === 1 ? 'Only 1 in stock' : `All ${line.stock} in stock`}
                </span>
              )}
              <Money value={line.price} />
              <button type="button" className="secondary" onClick={() => update((c) => setQuantity(c, line.productId, 0))} aria-label={`Remove ${line.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {cart.lines.length > 0 && (
        <p>
          Total <strong>{total ? <Money value={total} /> : 'computed at checkout'}</strong>
        </p>
      )}
      <ErrorMessage error={result.error} title="The order was not placed" />
      {signedIn ? (
        <button type="button" disabled={cart.lines.length === 0 || result.fetching} onClick={() => void checkout()}>
          Place order
        </button>
      ) : (
        <p>
          <a href="/log-in" onClick={(e) => (e.preventDefault(), navigate('/log-in'))}>
            Log in
          </a>{' '}
          to place an order.
        </p>
      )}
      {result.fetching && <Progress label="Placing your order…" />}
    </section>
  );
}
