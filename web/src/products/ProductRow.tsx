import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Money } from '../components/Money';
import { hasCode } from '../graphql/errors';
import { graphql, useFragment, type FragmentType } from '../graphql/generated';
import { ProductDetailsFragment } from './documents';
import type { LiveStock } from './live-stock';
import { Link } from '../router';

// What a sale or a restock answers with. The row shows the stock from the live feed; the answer's
// Product is what tells urql's document cache to refetch the lists.
graphql(`
  fragment StockLevel on Product {
    id
    stock
    lowStock
  }
`);

const SellProductMutation = graphql(`
  mutation SellProduct($id: ID!, $quantity: Int!) {
    sellProduct(id: $id, quantity: $quantity) {
      ...StockLevel
    }
  }
`);

const RestockProductMutation = graphql(`
  mutation RestockProduct($id: ID!, $quantity: Int!) {
    restockProduct(id: $id, quantity: $quantity) {
      ...StockLevel
    }
  }
`);

/** One product: its stock as it changes (from the stock feed), a simulated sale and a restock. */
export function ProductRow(props: { product: FragmentType<typeof ProductDetailsFragment>; live: LiveStock | undefined; onEdit: () => void }) {
  const { live, onEdit } = props;
  const product = useFragment(ProductDetailsFragment, props.product);
  const [sale, sell] = useMutation(SellProductMutation);
  const [restock, addStock] = useMutation(RestockProductMutation);
  const stock = live?.stock ?? product.stock;
  const low = stock < product.lowStockThreshold;
  const outOfStock = hasCode(sale.error, 'OUT_OF_STOCK');

  return (
    <tr data-product-id={product.id} className={low ? 'low' : undefined}>
      <th scope="row">
        <button type="button" className="link" onClick={onEdit} aria-label={`Edit ${product.name}`}>
          {product.name}
        </button>{' '}
        <Link to={`/products/${product.id}`} className="small" aria-label={`Details of ${product.name}`}>
          Details
        </Link>
      </th>
      <td>{product.category?.name ?? <span className="muted">none</span>}</td>
      <td>
        <Money value={product.price} />
      </td>
      <td className="number">
        <span data-testid="stock" aria-live="polite" className={live ? 'flash' : undefined} key={live?.version}>
          {stock}
        </span>
        {low && <span className="badge warn">low</span>}
        {live && live.delta !== 0 && (
          <span className="muted small">
            {' '}
            ({live.delta > 0 ? '+' : ''}
            {live.delta} {live.reason.toLowerCase()})
          </span>
        )}
      </td>
      <td className="number">{product.lowStockThreshold}</td>
      <td className="actions">
        <button type="button" onClick={() => void sell({ id: product.id, quantity: 1 })} disabled={sale.fetching} aria-label={`Simulate sale of ${product.name}`}>
          Simulate sale
        </button>
        <button type="button" className="secondary" onClick={() => void addStock({ id: product.id, quantity: 10 })} disabled={restock.fetching} aria-label={`Restock +10: ${product.name}`}>
          Restock +10
        </button>
        {outOfStock ? (
          <div role="alert" className="error">
            <b>Out of stock.</b> {product.name} has no units left to sell; restock it first.
            <span className="muted small"> ({sale.error?.graphQLErrors[0]?.message})</span>
          </div>
        ) : (
          <ErrorMessage error={sale.error} />
        )}
        <ErrorMessage error={restock.error} />
      </td>
    </tr>
  );
}
