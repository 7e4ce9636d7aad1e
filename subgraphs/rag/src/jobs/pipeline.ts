import { Prisma } from '@bodega/db';
import { Topic, type DocumentStatus, type IngestStage } from '@bodega/events';
import type { RagDeps } from '../context';
import { chunkContent, type ChunkDraft } from '../chunking';
import { publishStatus } from '../services/status';
import { vectorToBytes } from '../vector/encoding';
import { finishJob, LostClaim, renewLease, type ClaimedJob } from './queue';

/** Where progress stands at the start of each stage; EMBEDDING moves from 0.1 to 0.9 batch by batch. */
const PROGRESS = { PARSING: 0.05, CHUNKING: 0.1, EMBEDDING_END: 0.9, INDEXING: 0.95 } as const;

export type IngestDeps = Pick<RagDeps, 'prisma' | 'events' | 'log' | 'ai' | 'index' | 'settings'>;

interface VersionRow {
  mime_type: string;
  content: string;
  stage: IngestStage | null;
  chunk_count: number;
  embedding_model: string | null;
  title: string;
  visibility: 'PUBLIC' | 'INTERNAL';
}

/**
 * Runs one claimed job to READY, from wherever an earlier claim left it: chunks are written
 * once (with the move to EMBEDDING, in one transaction), embeddings fill the chunks still without
 * one, and every step commits only while the claim holds. A crash anywhere leaves a state the next
 * claim continues from, with no chunk written twice.
 */
export async function runIngestJob(deps: IngestDeps, job: ClaimedJob, signal?: AbortSignal): Promise<void> {
  const version = await readVersion(deps, job);
  const log = deps.log.child({ documentId: job.documentId, version: job.version, attempt: job.attempt });

  if (version.stage === null || version.stage === 'PARSING' || version.stage === 'CHUNKING') {
    await step(deps, job, 'PARSING', PROGRESS.PARSING);
    const drafts = chunkContent(version.content, version.mime_type === 'text/plain' ? 'plain' : 'markdown', deps.settings.chunking);
    await step(deps, job, 'CHUNKING', PROGRESS.CHUNKING);
    await writeChunks(deps, job, version.title, drafts);
    log.info({ chunks: drafts.length }, 'document chunked');
  }
  signal?.throwIfAborted();
  await embedChunks(deps, job, version, signal);
  signal?.throwIfAborted();
  await step(deps, job, 'INDEXING', PROGRESS.INDEXING);
  await deps.index.addVersion(job.documentId, job.version);
  await deps.events.publish(Topic.ChunkIndexChanged, { kind: 'ADDED', documentId: job.documentId, version: job.version, occurredAt: now() });
  await promote(deps, job);
  log.info('document ready');
}

async function readVersion(deps: IngestDeps, job: ClaimedJob): Promise<VersionRow> {
  const [row] = await deps.prisma.$queryRaw<VersionRow[]>`
    SELECT v.mime_type, v.content, v.stage::text AS stage, v.chunk_count, v.embedding_model, d.title, d.visibility::text AS visibility
    FROM rag.document_versions v JOIN rag.documents d ON d.id = v.document_id
    WHERE v.document_id = ${job.documentId}::uuid AND v.version = ${job.version}`;
  if (!row) throw new LostClaim(`Document ${job.documentId} v${job.version} was deleted.`);
  return row;
}

/** Moves the version to a stage (progress never goes down), under the claim, then announces it. */
async function step(deps: IngestDeps, job: ClaimedJob, stage: IngestStage, progress: number, extra: Prisma.Sql = Prisma.empty): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await renewLease(tx, job, deps.settings.leaseMs);
    await tx.$executeRaw`
      UPDATE rag.document_versions SET status = 'PROCESSING', stage = ${stage}::rag.ingest_stage,
        progress = greatest(progress, ${progress}), updated_at = now() ${extra}
      WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
  });
  await announce(deps, job);
}

/** The chunks and the move to EMBEDDING in one transaction: a resumed job finds all of them or none. */
async function writeChunks(deps: IngestDeps, job: ClaimedJob, title: string, drafts: readonly ChunkDraft[]): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await renewLease(tx, job, deps.settings.leaseMs);
    await tx.$executeRaw`DELETE FROM rag.chunks WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
    for (let from = 0; from < drafts.length; from += 500) {
      const rows = drafts.slice(from, from + 500).map(
        (draft) => Prisma.sql`(${job.documentId}::uuid, ${job.version}, ${draft.ordinal}, ${draft.text}, ${draft.headingPath}::text[],
          ${contextOf(title, draft.headingPath)}, ${draft.startOffset}, ${draft.endOffset}, ${draft.tokenCount})`,
      );
      await tx.$executeRaw`
        INSERT INTO rag.chunks (document_id, version, ordinal, text, heading_path, context, start_offset, end_offset, token_count)
        VALUES ${Prisma.join(rows)}`;
    }
    await tx.$executeRaw`
      UPDATE rag.document_versions SET stage = 'EMBEDDING', chunk_count = ${drafts.length}, embedding_model = ${deps.ai.embeddingModel},
        progress = greatest(progress, ${PROGRESS.CHUNKING}), updated_at = now()
      WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
  });
  await announce(deps, job);
}

/** What a chunk is searched and embedded with besides its text: "Title › Heading › Subheading". */
export function contextOf(title: string, headingPath: readonly string[]): string {
  return [title, ...headingPath].join(' › ');
}

/** The text a chunk is embedded from. */
export function embeddingText(chunk: { context: string; text: string }): string {
  return `${chunk.context}\n\n${chunk.text}`;
}

async function embedChunks(deps: IngestDeps, job: ClaimedJob, version: VersionRow, signal?: AbortSignal): Promise<void> {
  if (version.embedding_model && version.embedding_model !== deps.ai.embeddingModel) {
    // Resumed under another model: vectors of two models are not comparable, so start the stage over.
    await deps.prisma.$transaction(async (tx) => {
      await renewLease(tx, job, deps.settings.leaseMs);
      await tx.$executeRaw`UPDATE rag.chunks SET embedding = NULL WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
      await tx.$executeRaw`UPDATE rag.document_versions SET embedding_model = ${deps.ai.embeddingModel}
        WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
    });
  }
  for (;;) {
    signal?.throwIfAborted();
    const batch = await deps.prisma.$queryRaw<Array<{ id: bigint; context: string; text: string }>>`
      SELECT id, context, text FROM rag.chunks
      WHERE document_id = ${job.documentId}::uuid AND version = ${job.version} AND embedding IS NULL
      ORDER BY ordinal LIMIT ${deps.settings.embedBatchSize}`;
    if (batch.length === 0) return;
    const vectors = await deps.ai.embed(batch.map(embeddingText));
    signal?.throwIfAborted();
    await deps.prisma.$transaction(async (tx) => {
      await renewLease(tx, job, deps.settings.leaseMs);
      const ids = batch.map((chunk) => String(chunk.id));
      const hex = batch.map((_, i) => Buffer.from(vectorToBytes(vectors[i]!)).toString('hex'));
      await tx.$executeRaw`
        UPDATE rag.chunks c SET embedding = decode(v.hex, 'hex')
        FROM unnest(${ids}::bigint[], ${hex}::text[]) AS v(id, hex) WHERE c.id = v.id`;
      await tx.$executeRaw`
        UPDATE rag.document_versions v SET progress = greatest(v.progress, ${PROGRESS.CHUNKING} + ${PROGRESS.EMBEDDING_END - PROGRESS.CHUNKING} *
          (SELECT count(*) FILTER (WHERE embedding IS NOT NULL)::float8 / greatest(count(*), 1) FROM rag.chunks c
           WHERE c.document_id = v.document_id AND c.version = v.version)), updated_at = now()
        WHERE v.document_id = ${job.documentId}::uuid AND v.version = ${job.version}`;
    });
    await announce(deps, job);
  }
}

/**
 * The switch, in one transaction: this version becomes the one search serves and every older one
 * goes (chunks included). A version overtaken by a newer READY one is dropped instead.
 */
async function promote(deps: IngestDeps, job: ClaimedJob): Promise<void> {
  const outcome = await deps.prisma.$transaction(async (tx) => {
    await renewLease(tx, job, deps.settings.leaseMs);
    const [document] = await tx.$queryRaw<Array<{ current_version: number | null; latest_version: number }>>`
      SELECT current_version, latest_version FROM rag.documents WHERE id = ${job.documentId}::uuid FOR UPDATE`;
    if (!document) throw new LostClaim(`Document ${job.documentId} was deleted.`);
    if (document.current_version !== null && document.current_version >= job.version) {
      const dropped = await tx.$queryRaw<Array<{ id: bigint }>>`
        DELETE FROM rag.chunks WHERE document_id = ${job.documentId}::uuid AND version = ${job.version} RETURNING id`;
      await tx.$executeRaw`DELETE FROM rag.document_versions WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
      return { removed: dropped.map((row) => row.id), obsolete: true };
    }
    const replaced = await tx.$queryRaw<Array<{ id: bigint }>>`
      DELETE FROM rag.chunks WHERE document_id = ${job.documentId}::uuid AND version < ${job.version} RETURNING id`;
    await tx.$executeRaw`DELETE FROM rag.document_versions WHERE document_id = ${job.documentId}::uuid AND version < ${job.version}`;
    await finishJob(tx, job);
    await tx.$executeRaw`
      UPDATE rag.document_versions SET status = 'READY', stage = NULL, progress = 1, failure_reason = NULL, ready_at = now(), updated_at = now()
      WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
    // The visibility asked with this content, unless a newer version is on its way (which set its own).
    await tx.$executeRaw`
      UPDATE rag.documents d SET current_version = ${job.version}, updated_at = now(),
        visibility = CASE WHEN d.latest_version = ${job.version} THEN v.visibility ELSE d.visibility END
      FROM rag.document_versions v
      WHERE d.id = ${job.documentId}::uuid AND v.document_id = d.id AND v.version = ${job.version}`;
    return { removed: replaced.map((row) => row.id), obsolete: false };
  });
  if (outcome.removed.length > 0) {
    deps.index.remove(outcome.removed);
    await deps.events.publish(Topic.ChunkIndexChanged, {
      kind: 'REMOVED',
      documentId: job.documentId,
      chunkIds: outcome.removed.map(String),
      occurredAt: now(),
    });
  }
  if (!outcome.obsolete) await announce(deps, job);
}

/** Marks the version FAILED with a reason a person can act on, and ends the job. */
export async function failJob(deps: IngestDeps, job: ClaimedJob, reason: string): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await finishJob(tx, job, reason);
    await tx.$executeRaw`
      UPDATE rag.document_versions SET status = 'FAILED', stage = NULL, failure_reason = ${reason}, updated_at = now()
      WHERE document_id = ${job.documentId}::uuid AND version = ${job.version}`;
  });
  await announce(deps, job);
}

interface StatusRow {
  status: DocumentStatus;
  stage: IngestStage | null;
  progress: number;
  chunk_count: number;
  failure_reason: string | null;
  visibility: 'PUBLIC' | 'INTERNAL';
}

/** Publishes the version's state as committed. */
export async function announce(deps: Pick<IngestDeps, 'prisma' | 'events' | 'log'>, job: Pick<ClaimedJob, 'documentId' | 'version'>): Promise<void> {
  const [row] = await deps.prisma.$queryRaw<StatusRow[]>`
    SELECT v.status::text AS status, v.stage::text AS stage, v.progress, v.chunk_count, v.failure_reason, d.visibility::text AS visibility
    FROM rag.document_versions v JOIN rag.documents d ON d.id = v.document_id
    WHERE v.document_id = ${job.documentId}::uuid AND v.version = ${job.version}`;
  if (!row) return;
  await publishStatus(deps, {
    id: job.documentId,
    version: job.version,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    chunkCount: row.chunk_count,
    failureReason: row.failure_reason,
    visibility: row.visibility,
  });
}

function now(): string {
  return new Date().toISOString();
}
