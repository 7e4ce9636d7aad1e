import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import type { DocumentVisibility } from '../graphql/generated/graphql';
import { IngestKnowledgeDocumentMutation } from './documents';
import { ACCEPTED_FILES, mimeTypeOf, titleOf } from './file-types';

const PASTE_TYPES = [
  { value: 'text/markdown', label: 'Markdown' },
  { value: 'text/plain', label: 'Plain text' },
  { value: 'text/html', label: 'HTML' },
];

/** Staff: add a document from a .md, .txt or .html file or pasted text; the ingest runs in the background. */
export function IngestForm() {
  const [result, ingest] = useMutation(IngestKnowledgeDocumentMutation);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [mimeType, setMimeType] = useState('text/markdown');
  const [visibility, setVisibility] = useState<DocumentVisibility>('PUBLIC');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  // A new key empties the file input once its file is sent.
  const [fileKey, setFileKey] = useState(0);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const type = mimeTypeOf(file);
    if (!type) {
      setFileProblem(`${file.name} is not a .md, .txt or .html file.`);
      return;
    }
    setFileProblem(null);
    setMimeType(type);
    setContent(await file.text());
    if (!title.trim()) setTitle(titleOf(file.name));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setQueued(null);
    const done = await ingest({ input: { title: title.trim(), content, mimeType, visibility } });
    if (done.data) {
      setQueued(title.trim());
      setTitle('');
      setContent('');
      setFileKey((key) => key + 1);
    }
  };

  return (
    <form className="card ingest-form" onSubmit={submit} aria-labelledby="ingest-title" aria-busy={result.fetching}>
      <h2 id="ingest-title">Add a document</h2>
      <div className="grid">
        <label>
          File <span className="muted">(.md, .txt or .html)</span>
          <input key={fileKey} type="file" name="file" accept={ACCEPTED_FILES} onChange={chooseFile} />
        </label>
        <label>
          Title
          <input name="title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Type
          <select name="mimeType" value={mimeType} onChange={(e) => setMimeType(e.target.value)}>
            {PASTE_TYPES.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Who may read it
          <select name="visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as DocumentVisibility)}>
            <option value="PUBLIC">Public: customers and staff</option>
            <option value="INTERNAL">Internal: staff only</option>
          </select>
        </label>
      </div>
      <label>
        Content <span className="muted">(or paste it here)</span>
        <textarea name="content" required rows={8} value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      {fileProblem && (
        <p role="alert" className="error">
          {fileProblem}
        </p>
      )}
      <ErrorMessage error={result.error} title="Could not add the document" />
      {queued && (
        <p role="status" className="ok">
          “{queued}” is being ingested; its progress shows in the list.
        </p>
      )}
      <button type="submit" disabled={result.fetching || !content.trim()}>
        {result.fetching ? 'Adding…' : 'Add document'}
      </button>
    </form>
  );
}
