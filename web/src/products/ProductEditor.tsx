import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, useFragment, type FragmentType } from '../graphql/generated';
import type { ProductDetailsFragment as ProductDetails } from '../graphql/generated/graphql';
import { CategoryPicker, type CategoryChoice } from './CategoryPicker';
import { ProductDetailsFragment } from './documents';
import { CURRENCIES, formatPriceInput, parseKeywords, parsePrice } from './price';
import { PriceInput } from './PriceInput';

const UpdateProductMutation = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductDetails
    }
  }
`);

/** A product's details, including what the AI generated, editable and saved with updateProduct. */
export function ProductEditor(props: { product: FragmentType<typeof ProductDetailsFragment>; onClose?: () => void }) {
  const { onClose } = props;
  const product = useFragment(ProductDetailsFragment, props.product);
  const [result, updateProduct] = useMutation(UpdateProductMutation);
  const [name, setName] = useState(product.name);
  const [keywords, setKeywords] = useState(product.keywords.join(', '));
  const [description, setDescription] = useState(product.description ?? '');
  const [category, setCategory] = useState<CategoryChoice | null>(product.category ? { id: product.category.id, path: product.category.path } : null);
  const [amount, setAmount] = useState(product.price ? formatPriceInput(product.price.amount) : '');
  const [currencyCode, setCurrencyCode] = useState(product.price?.currencyCode ?? 'EUR');
  const [threshold, setThreshold] = useState(String(product.lowStockThreshold));
  const [saved, setSaved] = useState(false);
  const shown = useFragment(ProductDetailsFragment, result.data?.updateProduct) ?? product;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const price = amount.trim() ? parsePrice(amount) : undefined;
    if (price === null) return; // the field says what is wrong
    setSaved(false);
    const updated = await updateProduct({
      id: product.id,
      input: {
        name: name.trim(),
        keywords: parseKeywords(keywords),
        ...(description.trim() ? { description: description.trim() } : {}),
        lowStockThreshold: Number(threshold),
        ...(category ? { categoryId: category.id } : {}),
        ...(price ? { price: { amount: price, currencyCode } } : {}),
      },
    });
    if (updated.data) setSaved(true);
  };

  return (
    <form className="card product-editor" onSubmit={submit} aria-labelledby={`editor-${product.id}`}>
      <h2 id={`editor-${product.id}`}>{shown.name}</h2>
      <p className="enrichment" data-testid="enrichment">
        <EnrichmentNote enrichment={shown.enrichment} />
      </p>
      <dl className="generated">
        <dt>Category</dt>
        <dd data-testid="product-category">{shown.category?.path ?? 'none'}</dd>
        <dt>Description</dt>
        <dd data-testid="product-description">{shown.description ?? 'none'}</dd>
      </dl>
      <div className="grid">
        <label>
          Name
          <input value={name} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Keywords <span className="muted">(comma-separated)</span>
          <input value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        </label>
        <PriceInput value={amount} onChange={setAmount} />
        <label>
          Currency
          <select value={currencyCode} onChange={(e) => setCurrencyCode(e.target.value)}>
            {[...new Set([...CURRENCIES, currencyCode])].map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          Low-stock threshold
          <input type="number" min={0} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </label>
      </div>
      {/* Labelled by id, not by wrapping: a wrapping label's name would include the text typed in. */}
      <label className="wide" htmlFor={`description-${product.id}`}>
        Description
      </label>
      <textarea id={`description-${product.id}`} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
      <CategoryPicker label="Category" value={category} onChange={setCategory} emptyLabel="Keep the current category" />
      <ErrorMessage error={result.error} title="Not saved" />
      <div className="actions">
        <button type="submit" disabled={result.fetching}>
          Save changes
        </button>
        {onClose && (
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        )}
        {result.fetching && <Progress label="Saving…" />}
        {saved && !result.fetching && (
          <span role="status" className="ok">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

const AI_NAMES: Record<string, string> = { OPENAI: 'the AI (OpenAI)', LOCAL: 'the offline AI' };

/** Where the description and category came from, and why generating them did not work when it did not. */
function EnrichmentNote({ enrichment }: { enrichment: ProductDetails['enrichment'] }) {
  const ai = AI_NAMES[enrichment.source];
  switch (enrichment.status) {
    case 'COMPLETE':
      return <>Description and category written by {ai ?? 'hand'}. Edit them below.</>;
    case 'PARTIAL':
      return (
        <>
          Partly written by {ai ?? 'the AI'}
          {enrichment.error && <span className="error-text">: {enrichment.error}</span>}. Fill in the rest below.
        </>
      );
    case 'FAILED':
      return (
        <span className="error-text">
          The AI could not write the description and category{enrichment.error ? `: ${enrichment.error}` : ''}. Fill them in below.
        </span>
      );
    default:
      return <>Description and category {enrichment.source === 'MANUAL' ? 'as entered' : 'not generated'}; the AI was not asked.</>;
  }
}
