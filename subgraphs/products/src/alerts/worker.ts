import type { PrismaClient } from '@bodega/db';
import { Topic, type EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { ClaimLoop } from '@bodega/server-kit';
import { nextAttemptDelayMs } from './backoff';
import { alertConfigProblems, type AlertDeliveryConfig } from './config';
import { claimDueAlerts, recordDelivered, recordFailed, type ClaimedAlert } from './outbox';
import { alertBody, postAlert } from './webhook';

export interface AlertWorkerDeps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
}

/** What request handlers may do to the worker of their process. */
export interface AlertWaker {
  /** Looks for due alerts now instead of at the next poll. */
  wake(): void;
}

/**
 * Delivers PENDING low-stock alerts to the webhook, off the request path: it polls the outbox
 * and wakes at once on a LowStockAlert event. Any number of workers, in any number of
 * processes, can share one database (claims are SKIP LOCKED leases).
 */
export class AlertWorker implements AlertWaker {
  private readonly config: AlertDeliveryConfig & { webhookUrl: string; webhookSecret: string };
  private readonly log: Logger;
  private readonly loop: ClaimLoop<ClaimedAlert>;
  /** One per POST in flight, so abort() can cancel them. */
  private readonly attempts = new Set<AbortController>();
  private killed = false;

  constructor(
    private readonly deps: AlertWorkerDeps,
    config: AlertDeliveryConfig,
    /** For tests: the jitter's random source. */
    private readonly random: () => number = Math.random,
  ) {
    const { webhookUrl, webhookSecret } = config;
    const problems = alertConfigProblems(config, { url: 'webhookUrl', secret: 'webhookSecret', lease: 'leaseMs', timeout: 'timeoutMs' });
    if (!webhookUrl) problems.unshift('webhookUrl is not set.');
    if (problems.length || !webhookUrl || !webhookSecret) throw new Error(`Alert worker: ${problems.join(' ')}`);
    this.config = { ...config, webhookUrl, webhookSecret };
    this.log = deps.log.child({ component: 'alert-delivery' });
    this.loop = new ClaimLoop<ClaimedAlert>({
      concurrency: this.config.concurrency,
      pollIntervalMs: this.config.pollIntervalMs,
      claim: (room) => claimDueAlerts(this.deps.prisma, room, this.config.leaseMs, this.config.maxAttempts),
      run: (alert) => this.deliver(alert),
      claimFailed: (err) => this.log.warn({ err }, 'could not claim alerts; trying again at the next poll'),
      // Killed while claiming: the leases will expire.
      abandoned: () => this.killed,
      subscribe: (wake) => this.deps.events.subscribe(Topic.LowStockAlert, wake),
    });
  }

  async start(): Promise<this> {
    if (this.loop.isRunning) return this;
    await this.loop.start();
    this.log.info({ url: redactUrl(this.config.webhookUrl) }, 'delivering low-stock alerts to the webhook');
    return this;
  }

  wake(): void {
    this.loop.wake();
  }

  /**
   * Stops claiming, then waits up to the grace period for deliveries in flight to finish and be
   * recorded. Any still running after it are cancelled unrecorded: they stay PENDING and another
   * worker retries them when their lease runs out, as after a crash.
   */
  async stop(): Promise<void> {
    if ((await this.loop.stop(this.config.stopGraceMs)) === 'timeout') {
      this.log.warn({ inFlight: this.loop.inFlightCount }, 'alert deliveries still running at stop; their leases will expire');
      this.abort();
    }
  }

  /** Simulates the process being killed (tests): stops at once, cancels every POST, records nothing. */
  abort(): void {
    this.loop.halt();
    this.killed = true;
    for (const attempt of this.attempts) attempt.abort(new Error('alert worker killed'));
  }

  private async deliver(alert: ClaimedAlert): Promise<void> {
    const fields = { alertId: alert.id, productId: alert.productId, attempt: alert.attempt };
    const attempt = new AbortController();
    this.attempts.add(attempt);
    try {
      const outcome = await postAlert({
        url: this.config.webhookUrl,
        secret: this.config.webhookSecret,
        body: alertBody(alert),
        deliveryId: alert.id,
        attempt: alert.attempt,
        timeoutMs: this.config.timeoutMs,
        signal: attempt.signal,
      }).finally(() => this.attempts.delete(attempt));
      if (this.killed) return;
      if (outcome.ok) {
        const recorded = await recordDelivered(this.deps.prisma, alert);
        this.log.info({ ...fields, status: outcome.status, recorded }, 'low-stock alert delivered');
        if (recorded) this.announce(alert);
        return;
      }
      const last = alert.attempt >= this.config.maxAttempts;
      const backoff = { baseMs: this.config.retryBaseMs, maxMs: this.config.retryMaxMs };
      const retryInMs = last ? null : nextAttemptDelayMs(alert.attempt, backoff, outcome.retryAfterMs, this.random);
      const error = outcome.retryAfterMs === undefined ? outcome.error : `${outcome.error} (Retry-After ${seconds(outcome.retryAfterMs)} s)`;
      const recorded = await recordFailed(this.deps.prisma, alert, error, retryInMs);
      if (recorded) this.announce(alert);
      if (last) this.log.error({ ...fields, error, recorded }, 'low-stock alert not delivered: no attempts left');
      else this.log.warn({ ...fields, error, retryInMs, recorded }, 'low-stock alert delivery failed; will retry');
    } catch (err) {
      if (this.killed) return;
      // Most likely the database: the lease runs out and the alert is tried again.
      this.log.error({ err, ...fields }, 'low-stock alert outcome not recorded');
    }
  }

  /** The recorded outcome, for stockAlertUpdated subscribers (the alerts page follows it live). */
  private announce(alert: ClaimedAlert): void {
    const event = { alertId: alert.id, productId: alert.productId, change: 'DELIVERY' as const, occurredAt: new Date().toISOString() };
    void this.deps.events.publish(Topic.StockAlertUpdated, event).catch((err: unknown) => this.log.warn({ err }, 'stock alert event not published'));
  }
}

/**
 * The worker for this process, not started yet; none when ALERT_WEBHOOK_URL is not set: alerts
 * are then recorded and stay PENDING, and the log says so once. Throws on a configuration
 * that cannot work.
 */
export function createAlertWorker(deps: AlertWorkerDeps, config: AlertDeliveryConfig): AlertWorker | undefined {
  if (!config.webhookUrl) {
    deps.log.warn('ALERT_WEBHOOK_URL is not set: low-stock alerts are recorded (query stockAlerts) but not delivered');
    return undefined;
  }
  return new AlertWorker(deps, config);
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Webhook URLs often carry a token in the path or query; the log gets the origin only. */
function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '[invalid url]';
  }
}
