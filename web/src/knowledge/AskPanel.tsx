import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { Link } from '../router';
import { AskQuery } from './documents';

/**
 * A question box and the answer from the documents the reader may read (the server decides which):
 * the text, then each quote it rests on, linking to its document. An answer the documents do not
 * support says so, with no quotes.
 */
export function AskPanel({ title, placeholder }: { title: string; placeholder: string }) {
  const [draft, setDraft] = useState('');
  const [question, setQuestion] = useState('');
  const [{ data, error, fetching }] = useQuery({ query: AskQuery, variables: { question }, pause: !question });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuestion(draft.trim());
  };
  const answer = data?.answer;

  return (
    <section className="card ask" aria-labelledby="ask-title">
      <h2 id="ask-title">{title}</h2>
      <form onSubmit={submit}>
        <label>
          Your question
          <input name="question" value={draft} maxLength={1000} onChange={(e) => setDraft(e.target.value)} placeholder={placeholder} />
        </label>
        <button type="submit" disabled={!draft.trim()}>
          Ask
        </button>
      </form>
      <ErrorMessage error={error} title="No answer" />
      {fetching && <Progress label="Looking it up…" />}
      {answer && !fetching && (
        <div className="answer" aria-live="polite">
          <p data-testid="answer-text" className={answer.grounded ? undefined : 'muted'}>
            {answer.text}
          </p>
          {answer.citations.length > 0 && (
            <>
              <h3>Sources</h3>
              <ul className="citations">
                {answer.citations.map((citation, index) => (
                  <li key={`${citation.chunk.id}-${index}`}>
                    <blockquote>{citation.quote}</blockquote>
                    <Link to={`/documents/${citation.document.id}#chunk-${citation.chunk.id}`}>{citation.document.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
