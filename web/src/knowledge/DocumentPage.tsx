import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { Link } from '../router';
import { KnowledgeDocumentQuery } from './documents';

/** One document as its chunks, for a citation's or search result's link (`#chunk-<id>` scrolls to it). */
export function DocumentPage({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: KnowledgeDocumentQuery, variables: { id } });
  const document = data?.document;
  useEffect(() => {
    if (!document || !window.location.hash) return;
    window.document.getElementById(window.location.hash.slice(1))?.scrollIntoView?.({ block: 'center' });
  }, [document]);

  if (fetching && !data) return <Progress label="Loading the document…" />;
  if (error) return <ErrorMessage error={error} title="Could not load the document" />;
  if (!document) {
    return (
      <p role="alert">
        There is no such document, or it is not yours to read. <Link to="/help">Ask a question</Link>.
      </p>
    );
  }
  const target = window.location.hash.slice(1);
  return (
    <article className="page document-page">
      <h1>{document.title}</h1>
      <p className="muted">
        {document.visibility === 'INTERNAL' ? 'Internal, staff only. ' : ''}Updated {new Date(document.updatedAt).toLocaleDateString()}
      </p>
      {document.chunks.edges.map(({ node }) => (
        <section key={node.id} id={`chunk-${node.id}`} className={target === `chunk-${node.id}` ? 'chunk cited' : 'chunk'}>
          {node.headingPath.length > 0 && <h2>{node.headingPath.join(' › ')}</h2>}
          <p className="chunk-text">{node.text}</p>
        </section>
      ))}
    </article>
  );
}
