import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { Link } from '../router';
import { KnowledgeSearchQuery } from './documents';
import { Highlighted } from './Highlighted';

/** Staff: the chunks a search ranks first, with the words searched for marked. */
export function SearchPanel() {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [{ data, error, fetching }] = useQuery({ query: KnowledgeSearchQuery, variables: { query, first: 10 }, pause: !query });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(draft.trim());
  };

  return (
    <section className="card" aria-labelledby="search-title">
      <h2 id="search-title">Search</h2>
      <form role="search" onSubmit={submit}>
        <label>
          Search the documents
          <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="returns after 30 days" />
        </label>
        <button type="submit" disabled={!draft.trim()}>
          Search
        </button>
      </form>
      <ErrorMessage error={error} title="Search failed" />
      {fetching && <Progress label="Searching…" />}
      {data && !fetching && (
        <ol className="search-results" aria-label="Search results">
          {data.search.map((hit) => (
            <li key={hit.chunk.id}>
              <div>
                <Link to={`/documents/${hit.chunk.document.id}#chunk-${hit.chunk.id}`}>{hit.chunk.document.title}</Link>
                {hit.chunk.headingPath.length > 0 && <span className="muted"> › {hit.chunk.headingPath.join(' › ')}</span>}
                <span className="muted"> (score {hit.score.toFixed(2)})</span>
              </div>
              <p className="chunk-text">
                <Highlighted text={hit.chunk.text} query={query} />
              </p>
            </li>
          ))}
          {data.search.length === 0 && <li>Nothing matches “{query}”.</li>}
        </ol>
      )}
    </section>
  );
}
