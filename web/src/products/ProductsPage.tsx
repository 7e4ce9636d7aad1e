import { useState } from 'react';
import { useFragment, type FragmentType } from '../graphql/generated';
import { AddProductForm } from './AddProductForm';
import { ProductDetailsFragment } from './documents';
import { ProductEditor } from './ProductEditor';
import { ProductList } from './ProductList';

/** Staff: add products (the AI fills in the rest), edit them, and watch and move their stock. */
export function ProductsPage() {
  const [editing, setEditing] = useState<FragmentType<typeof ProductDetailsFragment> | null>(null);
  const edited = useFragment(ProductDetailsFragment, editing);
  return (
    <div className="page products-page">
      <h1>Products</h1>
      <div className="columns">
        <AddProductForm onCreated={setEditing} />
        {editing && edited && <ProductEditor key={edited.id} product={editing} onClose={() => setEditing(null)} />}
      </div>
      <ProductList onEdit={setEditing} />
    </div>
  );
}
