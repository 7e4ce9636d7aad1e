import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';

export const StockHistoryQuery = graphql(`
  query StockHistory($id: ID!, $first: Int) {
    product(id: $id) {
      id
      stockMovements(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            delta
            reason
            stock
            orderId
            note
            occurredAt
            changedBy {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** A constant: a new context object per render would make urql run the query again each time. */
const HISTORY_CONTEXT = { additionalTypenames: ['StockMovement'] };

const REASON_TEXT: Record<string, string> = {
  INITIAL: 'Created with',
  SALE: 'Sale',
  ORDER: 'Order',
  CANCEL: 'Order cancelled',
  RESTOCK: 'Restock',
  ADJUSTMENT: 'Adjustment',
  RECEIVED: 'Goods received',
  DAMAGED: 'Damaged',
  CORRECTION: 'Count corrected',
};

/** The product's inventory ledger, newest first: every change, why, by whom and the stock after it. */
export function StockHistory({ productId }: { productId: string }) {
  const [pages, setPages] = useState(1);
  const [{ data, error, fetching }] = useQuery({
    query: StockHistoryQuery,
    variables: { id: productId, first: 20 * pages },
    context: HISTORY_CONTEXT,
  });
  const movements = data?.product?.stockMovements;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Stock history</h2>
      <ErrorMessage error={error} title="Could not load the stock history" />
      {fetching && !data && <Progress label="Loading the stock history…" />}
      {movements && movements.totalCount === 0 && <p>No stock changes recorded yet.</p>}
      {movements && movements.edges.length > 0 && (
        <table className="stock-history" data-testid="stock-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Change</th>
              <th scope="col">Stock after</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {movements.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <time dateTime={node.occurredAt}>{new Date(node.occurredAt).toLocaleString()}</time>
                </td>
                <td>
                  {REASON_TEXT[node.reason] ?? node.reason}
                  {node.note && <span className="muted"> · {node.note}</span>}
                  {node.orderId && <span className="muted small"> · order {node.orderId.slice(0, 8)}</span>}
                </td>
                <td className={node.delta < 0 ? 'negative' : 'positive'}>{node.delta > 0 ? `+${node.delta}` : node.delta}</td>
                <td>{node.stock}</td>
                <td>{node.changedBy ? node.changedBy.name : 'the shop'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {movements?.pageInfo.hasNextPage && (
        <button type="button" className="secondary" onClick={() => setPages((n) => n + 1)} disabled={fetching}>
          Show older changes
        </button>
      )}
    </section>
  );
}
