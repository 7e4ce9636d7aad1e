import { Topic, type Unsubscribe } from '@bodega/events';
import type { Logger } from '@bodega/logger';
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
  private readonly inFlight = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly deps: IngestDeps) {
    this.log = deps.log.child({ component: 'ingest-worker' });
  }

  async start(): Promise<this> {
    if (this.running) return this;
    this.running = true;
    this.unsubscribe = await this.deps.events.subscribe(Topic.DocumentStatusChanged, (event) => {
      if (event.status === 'PENDING') this.wake();
    });
    this.wake();
    return this;
  }

  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.running) this.schedule();
    });
  }

  /** Stops claiming and waits for jobs in flight (each step is short; a long one is left to its lease after `graceMs`). */
  async stop(graceMs = 5_000): Promise<void> {
    this.halt();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const settled = (async () => {
      await this.ticking;
      await Promise.allSettled([...this.inFlight]);
      return 'settled' as const;
    })();
    const result = await Promise.race([settled, grace]);
    clearTimeout(timer);
    if (result === 'timeout') this.abort();
  }

  /** Stops at once and abandons jobs in flight to their leases (tests simulate a crash with it). */
  abort(): void {
    this.halt();
    for (const controller of this.controllers) controller.abort(new Error('ingest worker stopped'));
  }

  /** Resolves once no job is due or running (tests and the eval wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      await this.ticking;
      await Promise.allSettled([...this.inFlight]);
      const [due] = await this.deps.prisma.$queryRaw<Array<{ count: bigint }>>`
        SELECT count(*) AS count FROM rag.ingest_jobs WHERE finished_at IS NULL AND next_attempt_at <= now()`;
      if (Number(due?.count ?? 0) === 0 && this.inFlight.size === 0 && !this.ticking) return;
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private halt(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), this.deps.settings.pollIntervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const { concurrency, leaseMs, maxAttempts } = this.deps.settings;
    do {
      this.again = false;
      const room = concurrency - this.inFlight.size;
      if (room <= 0) return;
      let claimed: ClaimedJob[];
      try {
        for (const job of await failExhaustedJobs(this.deps.prisma, maxAttempts)) await announce(this.deps, job);
        claimed = await claimDueJobs(this.deps.prisma, room, leaseMs, maxAttempts);
      } catch (err) {
        if (this.running) this.log.warn({ err }, 'could not claim ingest jobs; trying again at the next poll');
        return;
      }
      if (!this.running) return; // stopped while claiming: the leases will run out
      for (const job of claimed) this.track(this.run(job));
      if (claimed.length === room) this.again = true;
    } while (this.again && this.running);
  }

  private track(run: Promise<void>): void {
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      this.wake();
    });
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
