import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { Progress } from '../components/Progress';
import { PRODUCT_LIST_CONTEXT } from '../graphql/list-context';
import type { FragmentType } from '../graphql/generated';
import type { ProductFilter } from '../graphql/generated/graphql';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { useDebounced } from '../hooks/use-debounced';
import { CategoryPicker, type CategoryChoice } from './CategoryPicker';
import { ProductListQuery, type ProductDetailsFragment } from './documents';
import { useLiveStock } from './live-stock';
import { ProductRow } from './ProductRow';

const PAGE_SIZE = 10;
type LowStockChoice = 'all' | 'low' | 'ok';

/** The catalogue for staff: search, category and low-stock filters, cursor paging, live stock. */
export function ProductList({ onEdit }: { onEdit: (product: FragmentType<typeof ProductDetailsFragment>) => void }) {
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search.trim());
  const [category, setCategory] = useState<CategoryChoice | null>(null);
  const [lowStock, setLowStock] = useState<LowStockChoice>('all');

  const filter: ProductFilter = {
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(category ? { categoryId: category.id } : {}),
    ...(lowStock === 'all' ? {} : { lowStock: lowStock === 'low' }),
  };
  const pages = useCursorPages(JSON.stringify(filter));
  const [{ data, error, fetching, stale }] = useQuery({ query: ProductListQuery, variables: { first: PAGE_SIZE, after: pages.after, filter }, context: PRODUCT_LIST_CONTEXT });
  const { live, error: liveError } = useLiveStock();
  const connection = data?.products;

  return (
    <section className="card" aria-labelledby="product-list-title">
      <h2 id="product-list-title">Products</h2>
      <div className="filters" role="search">
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name, keyword or description" />
        </label>
        <label>
          Stock
          <select value={lowStock} onChange={(e) => setLowStock(e.target.value as LowStockChoice)}>
            <option value="all">All</option>
            <option value="low">Low on stock only</option>
            <option value="ok">Not low on stock</option>
          </select>
        </label>
        <CategoryPicker label="Category filter" value={category} onChange={setCategory} />
      </div>
      <ErrorMessage error={error} title="Could not load products" />
      <ErrorMessage error={liveError} title="Live stock updates stopped" />
      {fetching && !data && <Progress label="Loading products…" />}
      {connection && (
        <>
          <p className="muted" aria-live="polite">
            {connection.totalCount} product{connection.totalCount === 1 ? '' : 's'}
            {stale || fetching ? ' (updating…)' : ''}
          </p>
          <table className="products">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Price</th>
                <th scope="col">Stock</th>
                <th scope="col">Threshold</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <ProductRow key={node.id} product={node} live={live.get(node.id)} onEdit={() => onEdit(node)} />
              ))}
            </tbody>
          </table>
          {connection.edges.length === 0 && <p>No products match.</p>}
          <Pager label="Product pages" pages={pages} pageInfo={connection.pageInfo} />
        </>
      )}
    </section>
  );
}
