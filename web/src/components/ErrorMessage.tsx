import type { CombinedError } from '@urql/core';
import { problemsOf } from '../graphql/errors';

const HINTS: Record<string, string> = {
  OUT_OF_STOCK: 'Out of stock',
  FORBIDDEN: 'Not allowed',
  RATE_LIMITED: 'Too many attempts',
  INVALID_TRANSITION: 'Not possible now',
  SERVICE_UNAVAILABLE: 'Temporarily unavailable',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
};

/** The server's messages, as they came, in an alert region that screen readers announce. */
export function ErrorMessage({ error, title }: { error: CombinedError | Error | string | undefined | null; title?: string }) {
  if (!error) return null;
  const problems = problemsOf(error);
  return (
    <div role="alert" className="error">
      {title && <strong>{title}: </strong>}
      {problems.length === 1 ? (
        <ProblemText {...problems[0]!} />
      ) : (
        <ul>
          {problems.map((problem, index) => (
            <li key={index}>
              <ProblemText {...problem} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The server's sentence; the field it names stays out of sight (a path like input.password means nothing to a person). */
function ProblemText({ message, code, field }: { message: string; code?: string; field?: string }) {
  const hint = code ? HINTS[code] : undefined;
  return (
    <span data-code={code} data-field={field}>
      {hint && <b>{hint}. </b>}
      {message}
    </span>
  );
}
