import { useState } from 'react';
import type { ProductDetailsFragment } from '../graphql/generated/graphql';
import { AddProductForm } from './AddProductForm';
import { ProductEditor } from './ProductEditor';
import { ProductList } from './ProductList';

/** Staff: add products (the AI fills in the rest), edit them, and watch and move their stock. */
export function ProductsPage() {
  const [editing, setEditing] = useState<ProductDetailsFragment | null>(null);
  return (
    <div className="page products-page">
      <h1>Products</h1>
      <div className="columns">
        <AddProductForm onCreated={setEditing} />
        {editing && <ProductEditor key={editing.id} product={editing} onClose={() => setEditing(null)} />}
      </div>
      <ProductList onEdit={setEditing} />
    </div>
  );
}
