import { Topic } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { ClaimLoop } from '@bodega/server-kit';
import { judgeFailure, retryDelayMs } from './failure';
import { announce, failJob, runIngestJob, type IngestDeps } from './pipeline';
import { claimDueJobs, failExhaustedJobs, LostClaim, retryJobLater, type ClaimedJob } from './queue';

/**
 * Runs PENDING ingest jobs off the request path, in any number of processes sharing one database
 * (claims are SKIP LOCKED leases). It polls, and wakes at once when a document is queued here
 * (`wake()`) or anywhere (a PENDING DocumentStatusChanged event).
 */
export class IngestWorker {
  private readonly log: Logger;
  private readonly loop: ClaimLoop<ClaimedJob>;
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly deps: IngestDeps) {
    this.log = deps.log.child({ component: 'ingest-worker' });
    const { concurrency, leaseMs, maxAttempts, pollIntervalMs } = deps.settings;
    this.loop = new ClaimLoop<ClaimedJob>({
      concurrency,
      pollIntervalMs,
      claim: async (room) => {
        for (const job of await failExhaustedJobs(this.deps.prisma, maxAttempts)) await announce(this.deps, job);
        return claimDueJobs(this.deps.prisma, room, leaseMs, maxAttempts);
      },
      run: (job) => this.run(job),
      claimFailed: (err) => this.log.warn({ err }, 'could not claim ingest jobs; trying again at the next poll'),
      // Stopped while claiming: the leases will run out.
      abandoned: () => !this.loop.isRunning,
      subscribe: (wake) =>
        this.deps.events.subscribe(Topic.DocumentStatusChanged, (event) => {
          if (event.status === 'PENDING') wake();
        }),
    });
  }

  async start(): Promise<this> {
    await this.loop.start();
    return this;
  }

  wake(): void {
    this.loop.wake();
  }

  /** Stops claiming and waits for jobs in flight (each step is short; a long one is left to its lease after `graceMs`). */
  async stop(graceMs = 5_000): Promise<void> {
    if ((await this.loop.stop(graceMs)) === 'timeout') this.abort();
  }

  /** Stops at once and abandons jobs in flight to their leases (tests simulate a crash with it). */
  abort(): void {
    this.loop.halt();
    for (const controller of this.controllers) controller.abort(new Error('ingest worker stopped'));
  }

  /** Resolves once no job is due or running (tests and the eval wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      await this.loop.settled();
      const [due] = await this.deps.prisma.$queryRaw<Array<{ count: bigint }>>`
        SELECT count(*) AS count FROM rag.ingest_jobs WHERE finished_at IS NULL AND next_attempt_at <= now()`;
      if (Number(due?.count ?? 0) === 0 && this.loop.idle) return;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const fields = { documentId: job.documentId, version: job.version, attempt: job.attempt };
    try {
      await runIngestJob(this.deps, job, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return; // left to the lease
      if (error instanceof LostClaim) {
        this.log.info({ ...fields, reason: error.message }, 'ingest job given up: no longer ours');
        return;
      }
      await this.settle(job, error).catch((err: unknown) => this.log.error({ err, ...fields }, 'ingest failure not recorded; the lease will run out'));
    } finally {
      this.controllers.delete(controller);
    }
  }

  private async settle(job: ClaimedJob, error: unknown): Promise<void> {
    const fields = { documentId: job.documentId, version: job.version, attempt: job.attempt };
    const verdict = judgeFailure(error, this.deps.ai.embeddingModel);
    if (verdict.retry && job.attempt < this.deps.settings.maxAttempts) {
      const retryInMs = retryDelayMs(job.attempt);
      await retryJobLater(this.deps.prisma, job, verdict.error, retryInMs);
      this.log.warn({ ...fields, err: error, retryInMs }, 'ingest step failed; will retry');
      return;
    }
    const reason = verdict.retry
      ? `Ingest failed ${job.attempt} times (last error: ${verdict.error}). Re-ingest the document to try again.`
      : verdict.reason;
    await failJob(this.deps, job, reason);
    this.log.error({ ...fields, err: error, reason }, 'document ingest failed');
  }
}
