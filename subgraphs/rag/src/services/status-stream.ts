import { notFound } from '@bodega/errors';
import { Topic, topicStream, type DocumentStatusChangedEvent } from '@bodega/events';
import type { RagContext } from '../context';
import { mayRead } from './access';
import type { DocumentModel } from './document-model';
import { getDocument } from './documents';

/** What `documentStatusChanged` sends: the fields of Document that an ingest moves. */
export interface DocumentStatusModel {
  id: string;
  version: number;
  status: DocumentStatusChangedEvent['status'];
  stage: DocumentStatusChangedEvent['stage'];
  progress: number;
  chunkCount: number;
  failureReason: string | null;
}

/**
 * `documentStatusChanged(id)`: the document's ingest as it moves, for a caller who may read it
 * (NOT_FOUND otherwise, the same for an INTERNAL document's id as for an unknown one). Starts with the
 * state as it is, so a subscriber that arrives late still sees where it stands; events of an older
 * version than one already seen, and progress going back within a version, are dropped.
 */
export async function documentStatusStream(ctx: RagContext, id: string): Promise<AsyncIterableIterator<DocumentStatusModel>> {
  let latest = { version: 0, progress: 0 };
  // Subscribed before the read, so no change falls between the two.
  const stream = topicStream(ctx.events, Topic.DocumentStatusChanged, (emit: (value: DocumentStatusModel) => void) => ({
    push: (event) => {
      if (event.documentId !== id || !mayRead(ctx.identity, event.visibility)) return;
      if (event.version < latest.version || (event.version === latest.version && event.progress < latest.progress)) return;
      latest = { version: event.version, progress: event.progress };
      emit({
        id: event.documentId,
        version: event.version,
        status: event.status,
        stage: event.stage,
        progress: event.progress,
        chunkCount: event.chunkCount,
        failureReason: event.failureReason,
      });
    },
  }));
  const document = await getDocument(ctx, id);
  if (!document) {
    await stream.return?.();
    throw notFound('document', id);
  }
  if (document.version > latest.version || (document.version === latest.version && document.progress > latest.progress)) {
    latest = { version: document.version, progress: document.progress };
  }
  const first: DocumentStatusModel = {
    id: document.id,
    version: document.version,
    status: document.status,
    stage: document.stage,
    progress: document.progress,
    chunkCount: document.chunkCount,
    failureReason: document.failureReason,
  };
  let sentFirst = false;
  const iterator: AsyncIterableIterator<DocumentStatusModel> = {
    next: () => {
      if (sentFirst) return stream.next();
      sentFirst = true;
      return Promise.resolve({ value: first, done: false });
    },
    return: () => stream.return!(),
    throw: (error) => stream.throw!(error),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The Document a status event shows: the document as it is now, with the ingest fields as the
 * event has them (so each event shows its own step, even when the row has moved on since).
 */
export async function documentAtStatus(ctx: RagContext, status: DocumentStatusModel): Promise<DocumentModel> {
  const document = await getDocument(ctx, status.id);
  if (!document) throw notFound('document', status.id);
  if (status.version < document.version) return document;
  return {
    ...document,
    status: status.status,
    stage: status.stage,
    progress: status.progress,
    chunkCount: status.chunkCount,
    failureReason: status.failureReason,
  };
}
