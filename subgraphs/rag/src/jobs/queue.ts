// rag.ingest_jobs as a queue of leases, as the alert outbox does it: a claim pushes
// next_attempt_at out, so no transaction stays open while a document is embedded, and a worker
// that dies leaves its job to be claimed again once the lease runs out.
import { Prisma, type PrismaClient } from '@bodega/db';

type Client = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

export interface ClaimedJob {
  documentId: string;
  version: number;
  /** This claim's number (claiming counts it). */
  attempt: number;
  /** The claim's next_attempt_at; every write checks it is unchanged, then moves it on. */
  leaseUntil: Date;
}

/** The job was deleted (its document was), or another worker holds it now: stop without writing. */
export class LostClaim extends Error {
  override name = 'LostClaim';
}

interface ClaimRow {
  document_id: string;
  version: number;
  attempts: number;
  next_attempt_at: Date;
}

/** Claims up to `limit` due jobs, oldest due first; SKIP LOCKED lets workers claim side by side. */
export async function claimDueJobs(prisma: Client, limit: number, leaseMs: number, maxAttempts: number): Promise<ClaimedJob[]> {
  const rows = await prisma.$queryRaw<ClaimRow[]>`
    WITH due AS (
      SELECT document_id, version FROM rag.ingest_jobs
      WHERE finished_at IS NULL AND next_attempt_at <= now() AND attempts < ${maxAttempts}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE rag.ingest_jobs j
    SET attempts = j.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM due WHERE j.document_id = due.document_id AND j.version = due.version
    RETURNING j.document_id, j.version, j.attempts, j.next_attempt_at`;
  return rows.map((row) => ({ documentId: row.document_id, version: row.version, attempt: row.attempts, leaseUntil: row.next_attempt_at }));
}

/**
 * Jobs whose last permitted claim never finished (the worker died or was stopped each time) and
 * whose lease ran out: FAILED with the reason, so they do not stay PROCESSING for ever.
 */
export async function failExhaustedJobs(prisma: PrismaClient, maxAttempts: number): Promise<Array<{ documentId: string; version: number }>> {
  // Polled every second by every worker: look before opening a transaction.
  const [any] = await prisma.$queryRaw<Array<{ found: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM rag.ingest_jobs WHERE finished_at IS NULL AND next_attempt_at <= now() AND attempts >= ${maxAttempts}) AS found`;
  if (!any?.found) return [];
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ document_id: string; version: number; last_error: string | null }>>`
      UPDATE rag.ingest_jobs SET finished_at = now()
      WHERE finished_at IS NULL AND next_attempt_at <= now() AND attempts >= ${maxAttempts}
      RETURNING document_id, version, last_error`;
    for (const row of rows) {
      const reason =
        `Ingest was tried ${maxAttempts} times without finishing` +
        (row.last_error ? ` (last error: ${row.last_error})` : ' (its worker stopped each time)') +
        '. Re-ingest the document to try again; if it keeps failing, split it into smaller documents.';
      await tx.$executeRaw`
        UPDATE rag.document_versions SET status = 'FAILED', stage = NULL, failure_reason = ${reason}, updated_at = now()
        WHERE document_id = ${row.document_id}::uuid AND version = ${row.version}`;
    }
    return rows.map((row) => ({ documentId: row.document_id, version: row.version }));
  });
}

function claimed(job: ClaimedJob): Prisma.Sql {
  return Prisma.sql`document_id = ${job.documentId}::uuid AND version = ${job.version} AND finished_at IS NULL
    AND attempts = ${job.attempt} AND next_attempt_at = ${job.leaseUntil}::timestamptz`;
}

/**
 * Proves the claim is still this worker's and extends it by `leaseMs`; call inside the transaction
 * of every step, so a step commits only while its claim holds. Throws LostClaim otherwise.
 */
export async function renewLease(tx: Client, job: ClaimedJob, leaseMs: number): Promise<void> {
  const [row] = await tx.$queryRaw<Array<{ next_attempt_at: Date }>>`
    UPDATE rag.ingest_jobs SET next_attempt_at = greatest(now() + make_interval(secs => ${leaseMs / 1000}::float8), next_attempt_at + interval '1 millisecond')
    WHERE ${claimed(job)} RETURNING next_attempt_at`;
  if (!row) throw new LostClaim(`The ingest job of ${job.documentId} v${job.version} is no longer ours.`);
  job.leaseUntil = row.next_attempt_at;
}

/** Ends the job (READY or FAILED are written by the caller in the same transaction). */
export async function finishJob(tx: Client, job: ClaimedJob, error: string | null = null): Promise<void> {
  const count = await tx.$executeRaw`UPDATE rag.ingest_jobs SET finished_at = now(), last_error = ${error} WHERE ${claimed(job)}`;
  if (count !== 1) throw new LostClaim(`The ingest job of ${job.documentId} v${job.version} is no longer ours.`);
}

/** Gives the job back for a later try (a passing failure): due again after `retryInMs`. */
export async function retryJobLater(prisma: Client, job: ClaimedJob, error: string, retryInMs: number): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE rag.ingest_jobs SET last_error = ${error}, next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000}::float8)
    WHERE ${claimed(job)}`;
  return count === 1;
}
