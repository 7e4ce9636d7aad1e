import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { Progress } from '../components/Progress';
import type { DocumentFilter, DocumentStatus } from '../graphql/generated/graphql';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { DOCUMENT_LIST_CONTEXT, KnowledgeDocumentsQuery } from './documents';
import { DocumentRow } from './DocumentRow';

const PAGE_SIZE = 10;

/** The knowledge base's documents, newest first, by status, with cursor paging. */
export function DocumentList() {
  const [status, setStatus] = useState<DocumentStatus | ''>('');
  const filter: DocumentFilter = status ? { status } : {};
  const pages = useCursorPages(status);
  const [{ data, error, fetching }] = useQuery({
    query: KnowledgeDocumentsQuery,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
    context: DOCUMENT_LIST_CONTEXT,
  });
  const connection = data?.documents;

  return (
    <section className="card" aria-labelledby="document-list-title">
      <h2 id="document-list-title">Documents</h2>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as DocumentStatus | '')}>
            <option value="">All</option>
            <option value="PENDING">Pending</option>
            <option value="PROCESSING">Processing</option>
            <option value="READY">Ready</option>
            <option value="FAILED">Failed</option>
          </select>
        </label>
      </div>
      <ErrorMessage error={error} title="Could not load the documents" />
      {fetching && !data && <Progress label="Loading documents…" />}
      {connection && (
        <>
          <p className="muted" aria-live="polite">
            {connection.totalCount} document{connection.totalCount === 1 ? '' : 's'}
          </p>
          <table className="documents">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Chunks</th>
                <th scope="col">Visibility</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <DocumentRow key={node.id} document={node} />
              ))}
            </tbody>
          </table>
          {connection.edges.length === 0 && <p>No documents yet.</p>}
          <Pager label="Document pages" pages={pages} pageInfo={connection.pageInfo} />
        </>
      )}
    </section>
  );
}
