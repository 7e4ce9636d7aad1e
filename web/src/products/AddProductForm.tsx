import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { graphql, type FragmentType } from '../graphql/generated';
import type { ProductDetailsFragment } from './documents';
import { CURRENCIES, parseKeywords, parsePrice } from './price';
import { PriceInput } from './PriceInput';

const CreateProductMutation = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...ProductDetails
    }
  }
`);

/**
 * Name, keywords, stock, price and threshold; the server writes the description and picks the
 * category (the AI), which can take seconds, so the form says so while it waits.
 */
export function AddProductForm({ onCreated }: { onCreated: (product: FragmentType<typeof ProductDetailsFragment>) => void }) {
  const [result, createProduct] = useMutation(CreateProductMutation);
  const [name, setName] = useState('');
  const [keywords, setKeywords] = useState('');
  const [stock, setStock] = useState('20');
  const [amount, setAmount] = useState('');
  const [currencyCode, setCurrencyCode] = useState<string>('EUR');
  const [threshold, setThreshold] = useState('10');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const price = amount.trim() ? parsePrice(amount) : undefined;
    if (price === null) return; // the field says what is wrong
    const created = await createProduct({
      input: {
        name: name.trim(),
        keywords: parseKeywords(keywords),
        stock: Number(stock),
        lowStockThreshold: Number(threshold),
        price: price ? { amount: price, currencyCode } : undefined,
      },
    });
    if (created.data) {
      onCreated(created.data.createProduct);
      // A fresh form for the next product: nothing of this one carries over.
      setName('');
      setKeywords('');
      setAmount('');
      setStock('20');
      setThreshold('10');
    }
  };

  return (
    <form className="card add-product" onSubmit={submit} aria-labelledby="add-product-title" aria-busy={result.fetching}>
      <h2 id="add-product-title">Add a product</h2>
      <div className="grid">
        <label>
          Name
          <input name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Keywords <span className="muted">(comma-separated)</span>
          <input name="keywords" value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder="coffee, arabica, whole bean" />
        </label>
        <label>
          Stock
          <input name="stock" type="number" min={0} step={1} required value={stock} onChange={(e) => setStock(e.target.value)} />
        </label>
        <PriceInput value={amount} onChange={setAmount} />
        <label>
          Currency
          <select name="currency" value={currencyCode} onChange={(e) => setCurrencyCode(e.target.value)}>
            {CURRENCIES.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          Low-stock threshold
          <input name="threshold" type="number" min={0} step={1} required value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </label>
      </div>
      <p className="muted">The description and category are written for you; you can edit them afterwards.</p>
      <ErrorMessage error={result.error} title="The product was not added" />
      <button type="submit" disabled={result.fetching}>
        Add product
      </button>
      {result.fetching && <Progress label="Adding the product: the AI is writing its description and choosing a category…" />}
    </form>
  );
}
