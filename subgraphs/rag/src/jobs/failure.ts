import { isAiError } from '@bodega/ai';

export type FailureVerdict = { retry: true; error: string } | { retry: false; reason: string };

/**
 * What to do about an error from a job: passing failures (the embedding service slow, rate
 * limiting or down; the database blinking) are tried again later; anything a retry would meet
 * again fails the document with a reason that says what to do.
 */
export function judgeFailure(error: unknown, embeddingModel: string): FailureVerdict {
  if (isAiError(error)) {
    switch (error.kind) {
      case 'timeout':
      case 'rate_limited':
      case 'unavailable':
      case 'circuit_open':
        return { retry: true, error: `The embedding service failed: ${error.message}` };
      case 'rejected':
        return {
          retry: false,
          reason: `The embedding service refused the chunks (${error.message}). Check OPENAI_EMBEDDING_MODEL ("${embeddingModel}") and the API key, then re-ingest the document.`,
        };
      default:
        return {
          retry: false,
          reason: `The embedding service answered something unusable (${error.message}). Re-ingest the document; if it fails again, check the server at OPENAI_BASE_URL.`,
        };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { retry: true, error: message.slice(0, 500) };
}

/** Backoff before a job's next try: 2 s, 4 s, 8 s, … up to 5 min. */
export function retryDelayMs(attempt: number): number {
  return Math.min(300_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}
