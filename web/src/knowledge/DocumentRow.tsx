import { useRef, type ChangeEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { useFragment, type FragmentType } from '../graphql/generated';
import { Link } from '../router';
import { DeleteKnowledgeDocumentMutation, DOCUMENT_LIST_CONTEXT, IngestKnowledgeDocumentMutation, KnowledgeDocumentFragment } from './documents';
import { ACCEPTED_FILES, mimeTypeOf } from './file-types';
import { useIngestProgress } from './live-progress';

const STAGES: Record<string, string> = { PARSING: 'parsing', CHUNKING: 'chunking', EMBEDDING: 'embedding', INDEXING: 'indexing' };

/** One document of the Knowledge base list: its ingest (live while it runs), chunk count, visibility and actions. */
export function DocumentRow({ document }: { document: FragmentType<typeof KnowledgeDocumentFragment> }) {
  const listed = useFragment(KnowledgeDocumentFragment, document);
  const running = listed.status === 'PENDING' || listed.status === 'PROCESSING';
  const { live, error: liveError } = useIngestProgress(listed.id, running);
  // While it runs, the live feed is ahead of the list; once the list says it settled, the list is.
  const state = running && live && live.progress >= listed.progress ? { ...listed, ...live } : listed;
  const [deleting, deleteDocument] = useMutation(DeleteKnowledgeDocumentMutation);
  const [reingesting, reingest] = useMutation(IngestKnowledgeDocumentMutation);
  const file = useRef<HTMLInputElement>(null);

  const replace = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const mimeType = mimeTypeOf(chosen) ?? 'text/plain';
    await reingest({ input: { documentId: listed.id, title: listed.title, visibility: listed.visibility, mimeType, content: await chosen.text() } });
    event.target.value = '';
  };
  const percent = Math.round(state.progress * 100);

  return (
    <tr data-testid={`document-${listed.id}`}>
      <th scope="row">
        <Link to={`/documents/${listed.id}`}>{listed.title}</Link>
        <div className="muted">
          {listed.mimeType}, version {listed.version}
        </div>
      </th>
      <td>
        <span className={`badge status-${state.status.toLowerCase()}`} data-testid="document-status">
          {state.status}
          {state.stage ? ` (${STAGES[state.stage] ?? state.stage})` : ''}
        </span>
        {(state.status === 'PENDING' || state.status === 'PROCESSING') && (
          <progress max={100} value={percent} aria-label={`Ingest of ${listed.title}`}>
            {percent}%
          </progress>
        )}
        {state.failureReason && <p className="error">{state.failureReason}</p>}
        <ErrorMessage error={liveError} title="Live progress stopped" />
      </td>
      <td data-testid="chunk-count">{state.chunkCount}</td>
      <td>{listed.visibility === 'INTERNAL' ? 'Internal' : 'Public'}</td>
      <td className="actions">
        <input ref={file} type="file" accept={ACCEPTED_FILES} hidden onChange={replace} aria-label={`New content for ${listed.title}`} />
        <button type="button" className="secondary" disabled={reingesting.fetching} onClick={() => file.current?.click()}>
          Re-ingest<span className="visually-hidden"> {listed.title}</span>
        </button>
        <button
          type="button"
          className="danger"
          disabled={deleting.fetching}
          onClick={() => deleteDocument({ id: listed.id }, DOCUMENT_LIST_CONTEXT)}
          aria-label={`Delete ${listed.title}`}
        >
          Delete
        </button>
        <ErrorMessage error={deleting.error ?? reingesting.error} />
      </td>
    </tr>
  );
}
