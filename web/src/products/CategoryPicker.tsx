import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { graphql } from '../graphql/generated';
import { useDebounced } from '../hooks/use-debounced';

const CategorySearchQuery = graphql(`
  query CategorySearch($search: String!) {
    categories(search: $search, first: 20) {
      id
      name
      path
    }
  }
`);

export interface CategoryChoice {
  id: string;
  path: string;
}

/**
 * A Google Product Taxonomy category: type part of its path, then pick from the matches.
 * A search box and a select rather than a custom combobox, so both work with the keyboard as is.
 */
export function CategoryPicker({
  label,
  value,
  onChange,
  emptyLabel = 'Any category',
}: {
  label: string;
  value: CategoryChoice | null;
  onChange: (category: CategoryChoice | null) => void;
  emptyLabel?: string;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const [{ data, error, fetching }] = useQuery({ query: CategorySearchQuery, variables: { search: debounced }, pause: debounced.length < 2 });
  const options = [...(value ? [value] : []), ...(data?.categories ?? []).filter((c) => c.id !== value?.id)];

  return (
    <fieldset className="category-picker">
      <legend>{label}</legend>
      <div>
        <label htmlFor={`${id}-search`}>Find a category</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder="e.g. coffee"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="muted small">
          {fetching ? 'Searching…' : debounced.length >= 2 ? `${data?.categories.length ?? 0} matches` : 'Type 2 letters or more'}
        </span>
      </div>
      <div>
        <label htmlFor={`${id}-select`}>{label}</label>
        <select
          id={`${id}-select`}
          value={value?.id ?? ''}
          onChange={(e) => {
            const chosen = options.find((c) => c.id === e.target.value);
            onChange(chosen ? { id: chosen.id, path: chosen.path } : null);
          }}
        >
          <option value="">{emptyLabel}</option>
          {options.map((category) => (
            <option key={category.id} value={category.id}>
              {category.path}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
