import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql } from '../graphql/generated';
import type { StockAdjustmentReason } from '../graphql/generated/graphql';
import { Link } from '../router';
import { ProductEditor } from './ProductEditor';
import { StockHistory } from './StockHistory';

export const ProductDetailQuery = graphql(`
  query ProductDetail($id: ID!) {
    product(id: $id) {
      id
      name
      stock
      lowStockThreshold
      lowStock
      archivedAt
      enrichment {
        status
        confidence
        needsReview
        categorySuggestions {
          score
          category {
            id
            path
          }
        }
      }
      ...ProductDetails
    }
  }
`);

const RegenerateMutation = graphql(`
  mutation RegenerateEnrichment($productId: ID!) {
    regenerateEnrichment(productId: $productId) {
      id
      enrichment {
        status
        confidence
        needsReview
      }
      ...ProductDetails
    }
  }
`);

const AdjustStockMutation = graphql(`
  mutation AdjustStock($id: ID!, $delta: Int!, $reason: StockAdjustmentReason!, $note: String) {
    adjustStock(id: $id, delta: $delta, reason: $reason, note: $note) {
      id
      stock
      lowStock
      ...ProductDetails
    }
  }
`);

const ArchiveMutation = graphql(`
  mutation ArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      archivedAt
    }
  }
`);

const UnarchiveMutation = graphql(`
  mutation UnarchiveProduct($id: ID!) {
    unarchiveProduct(id: $id) {
      id
      archivedAt
    }
  }
`);

const REASONS: Array<{ value: StockAdjustmentReason; label: string }> = [
  { value: 'RECEIVED', label: 'Goods received (adds)' },
  { value: 'DAMAGED', label: 'Damaged or lost (takes away)' },
  { value: 'CORRECTION', label: 'Stock count correction (either way)' },
];

const ADJUST_CONTEXT = { additionalTypenames: ['StockMovement'] };

const percent = (score: number) => `${Math.round(score * 100)} %`;

/** Staff: one product: edit it, see the AI's category suggestions, regenerate, adjust stock, its stock history, archive. */
export function ProductDetailPage({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: ProductDetailQuery, variables: { id } });
  const [regeneration, regenerate] = useMutation(RegenerateMutation);
  const [archiving, archive] = useMutation(ArchiveMutation);
  const [restoring, unarchive] = useMutation(UnarchiveMutation);
  const product = data?.product;
  if (fetching && !data) return <Progress label="Loading the product…" />;
  if (error) return <ErrorMessage error={error} title="Could not load the product" />;
  if (!product) {
    return (
      <div className="page">
        <h1>Product not found</h1>
        <p>
          No product has this address. <Link to="/products">Back to the products</Link>.
        </p>
      </div>
    );
  }
  const { enrichment } = product;
  return (
    <div className="page product-detail">
      <p>
        <Link to="/products">← All products</Link>
      </p>
      <h1>{product.name}</h1>
      {product.archivedAt && (
        <p className="notice" role="status">
          Archived {new Date(product.archivedAt).toLocaleDateString()}: not in the shop or the lists; orders still show it.
        </p>
      )}
      <p>
        Stock <strong data-testid="product-stock">{product.stock}</strong> <span className="muted">(low below {product.lowStockThreshold})</span>
        {product.lowStock && <span className="badge warn">Low stock</span>}
      </p>
      <div className="columns">
        <ProductEditor product={product} />
        <section className="card" aria-labelledby="ai-title">
          <h2 id="ai-title">Category suggestions</h2>
          {enrichment.confidence !== null && enrichment.confidence !== undefined ? (
            <p data-testid="confidence">
              Confidence in the chosen category: <strong>{percent(enrichment.confidence)}</strong>
              {enrichment.needsReview && <span className="badge warn">Needs review</span>}
            </p>
          ) : (
            <p className="muted">The category was not generated, so there is no confidence to show.</p>
          )}
          {enrichment.categorySuggestions.length > 0 && (
            <ol className="suggestions">
              {enrichment.categorySuggestions.map((suggestion) => (
                <li key={suggestion.category.id}>
                  {suggestion.category.path} <span className="muted">({percent(suggestion.score)})</span>
                </li>
              ))}
            </ol>
          )}
          <ErrorMessage error={regeneration.error} title="Could not regenerate" />
          <button type="button" className="secondary" disabled={regeneration.fetching} onClick={() => void regenerate({ productId: product.id })}>
            Regenerate description and category
          </button>
          {regeneration.fetching && <Progress label="The AI is writing again…" />}
        </section>
      </div>
      <AdjustStockForm productId={product.id} />
      <StockHistory productId={product.id} />
      <section className="card" aria-labelledby="archive-title">
        <h2 id="archive-title">Archive</h2>
        <ErrorMessage error={archiving.error ?? restoring.error} title="The product did not change" />
        {product.archivedAt ? (
          <button type="button" className="secondary" disabled={restoring.fetching} onClick={() => void unarchive({ id: product.id })}>
            Bring back to the shop
          </button>
        ) : (
          <button type="button" className="danger" disabled={archiving.fetching} onClick={() => void archive({ id: product.id })}>
            Archive product
          </button>
        )}
      </section>
    </div>
  );
}

function AdjustStockForm({ productId }: { productId: string }) {
  const [result, adjust] = useMutation(AdjustStockMutation);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState<StockAdjustmentReason>('RECEIVED');
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await adjust({ id: productId, delta: Number(delta), reason, note: note.trim() || null }, ADJUST_CONTEXT);
    if (done.data) {
      setDelta('');
      setNote('');
    }
  };
  const fieldError = result.error?.graphQLErrors.find((e) => e.extensions?.field === 'delta')?.message;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="adjust-title">
      <h2 id="adjust-title">Adjust stock</h2>
      <div className="grid">
        <label>
          Reason
          <select value={reason} onChange={(e) => setReason(e.target.value as StockAdjustmentReason)}>
            {REASONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <label>
            Change in units
            <input
              type="number"
              step={1}
              required
              value={delta}
              onChange={(e) => setDelta(e.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'adjust-delta-error' : undefined}
            />
          </label>
          {fieldError && (
            <span id="adjust-delta-error" className="field-error">
              {fieldError}
            </span>
          )}
        </div>
        <label>
          Note <span className="muted">(optional)</span>
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {result.error && !fieldError && <ErrorMessage error={result.error} title="Stock was not changed" />}
      <button type="submit" disabled={result.fetching}>
        Record change
      </button>
    </form>
  );
}
