import { useSubscription } from 'urql';
import type { DocumentProgressSubscription as DocumentProgress } from '../graphql/generated/graphql';
import { DocumentProgressSubscription } from './documents';

export type IngestState = DocumentProgress['documentStatusChanged'];

/** Keeps the furthest state seen: an update never takes the progress back. */
export function foldProgress(previous: IngestState | undefined, next: IngestState): IngestState {
  if (!previous || next.status === 'READY' || next.status === 'FAILED') return next;
  return next.progress >= previous.progress ? next : previous;
}

/** A document's ingest as it moves, while it is still PENDING or PROCESSING (paused otherwise). */
export function useIngestProgress(id: string, active: boolean) {
  const [result] = useSubscription({ query: DocumentProgressSubscription, variables: { id }, pause: !active }, (previous: IngestState | undefined, data) =>
    foldProgress(previous, data.documentStatusChanged),
  );
  return { live: result.data, error: result.error };
}
