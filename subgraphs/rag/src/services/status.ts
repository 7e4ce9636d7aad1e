import { Topic, type DocumentStatusChangedEvent } from '@bodega/events';
import type { RagDeps } from '../context';
import type { DocumentModel } from './document-model';

/** Announces where a document's latest version stands (after the change committed). */
export async function publishStatus(
  deps: Pick<RagDeps, 'events' | 'log'>,
  document: Pick<DocumentModel, 'id' | 'version' | 'status' | 'stage' | 'progress' | 'chunkCount' | 'failureReason' | 'visibility'>,
): Promise<void> {
  const event: DocumentStatusChangedEvent = {
    documentId: document.id,
    version: document.version,
    status: document.status,
    stage: document.stage,
    progress: document.progress,
    chunkCount: document.chunkCount,
    failureReason: document.failureReason,
    visibility: document.visibility,
    occurredAt: new Date().toISOString(),
  };
  try {
    await deps.events.publish(Topic.DocumentStatusChanged, event);
  } catch (err) {
    // The row is the truth; a lost event only delays what a subscriber sees.
    deps.log.warn({ err, documentId: document.id }, 'document status event not published');
  }
}
