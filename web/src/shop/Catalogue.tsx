import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Money } from '../components/Money';
import { Pager } from '../components/Pager';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import { PRODUCT_LIST_CONTEXT } from '../graphql/list-context';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { useDebounced } from '../hooks/use-debounced';
import { useLiveStock } from '../products/live-stock';
import type { CartLine } from './cart';

const ShopProductsQuery = graphql(`
  query ShopProducts($first: Int, $after: String, $filter: ProductFilter) {
    products(first: $first, after: $after, filter: $filter) {
      pageInfo {
        ...PagerPageInfo
      }
      edges {
        node {
          id
          name
          description
          stock
          price {
            amount
            currencyCode
          }
          category {
            id
            name
          }
        }
      }
    }
  }
`);

const PAGE_SIZE = 12;

/** Products to buy, with search and paging; availability updates live. */
export function Catalogue({ onAdd }: { onAdd: (line: Omit<CartLine, 'quantity'>) => void }) {
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim());
  const pages = useCursorPages(debounced);
  const [{ data, error, fetching }] = useQuery({
    query: ShopProductsQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter: debounced ? { search: debounced } : undefined },
    context: PRODUCT_LIST_CONTEXT,
  });
  const { live } = useLiveStock();

  return (
    <section aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">Products</h2>
      <label className="search">
        Search the shop
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <ErrorMessage error={error} title="Could not load the shop" />
      {fetching && !data && <Progress label="Loading products…" />}
      <ul className="catalogue">
        {data?.products.edges.map(({ node }) => {
          const stock = live.get(node.id)?.stock ?? node.stock;
          return (
            <li key={node.id} className="card product-card" data-product-id={node.id}>
              <h3>{node.name}</h3>
              <p className="muted small">{node.category?.name}</p>
              {node.description && <p className="description">{node.description}</p>}
              <p>
                <Money value={node.price} /> · <span data-testid="availability">{stock > 0 ? `${stock} in stock` : 'Sold out'}</span>
              </p>
              <button
                type="button"
                disabled={stock <= 0 || !node.price}
                onClick={() => onAdd({ productId: node.id, name: node.name, price: node.price ?? null, stock })}
                aria-label={`Add to cart: ${node.name}`}
              >
                Add to cart
              </button>
            </li>
          );
        })}
      </ul>
      {data && data.products.edges.length === 0 && <p>Nothing matches.</p>}
      <Pager label="Shop pages" pages={pages} pageInfo={data?.products.pageInfo} numbered={false} />
    </section>
  );
}
