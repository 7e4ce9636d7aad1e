// The products.stock_alerts rows as a delivery queue. Claims are leases, not locks held across the
// POST: no transaction and no connection stays open while a webhook is slow.
import { Prisma, type PrismaClient } from '@bodega/db';
import type { AlertForDelivery } from './webhook';

/** A claimed alert: what to send, and the lease that proves this worker still holds it. */
export interface ClaimedAlert extends AlertForDelivery {
  /** This attempt's number in the current round (claiming counts it). */
  attempt: number;
  /** The claim's next_attempt_at; outcomes are recorded only while it is unchanged. */
  leaseUntil: Date;
}

interface ClaimRow {
  id: string;
  product_id: string;
  product_name: string;
  stock: number;
  threshold: number;
  occurred_at: Date;
  attempts: number;
  next_attempt_at: Date;
}

/**
 * Claims up to `limit` due alerts for one attempt each: SKIP LOCKED lets several workers claim at
 * once without waiting on or taking each other's rows; pushing next_attempt_at out by the lease
 * hides the rows from every claim until the lease runs out, so a worker killed mid-delivery leaves
 * them PENDING and due again later. Counting the attempt here means an alert that kills its worker
 * every time still runs out of attempts.
 */
export async function claimDueAlerts(prisma: PrismaClient, limit: number, leaseMs: number, maxAttempts: number): Promise<ClaimedAlert[]> {
  await failExhausted(prisma, maxAttempts);
  // The CTE runs once (FOR UPDATE makes it materialized), so LIMIT bounds the claim however the
  // planner joins it; `IN (SELECT ... LIMIT)` inline may be re-evaluated.
  const rows = await prisma.$queryRaw<ClaimRow[]>`
    WITH due AS (
      SELECT id FROM products.stock_alerts
      WHERE delivery_status = 'PENDING' AND next_attempt_at <= now() AND attempts < ${maxAttempts}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE products.stock_alerts a
    SET attempts = a.attempts + 1,
        last_attempt_at = now(),
        next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    FROM products.products p
    WHERE a.id IN (SELECT id FROM due) AND p.id = a.product_id
    RETURNING a.id, a.product_id, p.name AS product_name, a.stock, a.threshold, a.occurred_at,
      a.attempts, a.next_attempt_at`;
  return rows.map((row) => ({
    id: row.id,
    productId: row.product_id,
    productName: row.product_name,
    stock: row.stock,
    threshold: row.threshold,
    occurredAt: row.occurred_at,
    attempt: row.attempts,
    leaseUntil: row.next_attempt_at,
  }));
}

/**
 * Alerts whose last permitted attempt never reported back (its worker died or was stopped) and
 * whose lease ran out: without this they would stay PENDING for ever.
 */
async function failExhausted(prisma: PrismaClient, maxAttempts: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE products.stock_alerts
    SET delivery_status = 'FAILED',
        last_error = coalesce(last_error || '; then ', '') || 'the last attempt did not finish (its worker stopped)'
    WHERE delivery_status = 'PENDING' AND next_attempt_at <= now() AND attempts >= ${maxAttempts}`;
}

/** The claim is still this worker's: nobody redelivered the alert and no other worker took it over. */
function stillClaimed(alert: ClaimedAlert): Prisma.Sql {
  return Prisma.sql`id = ${alert.id}::uuid AND delivery_status = 'PENDING' AND attempts = ${alert.attempt}
    AND next_attempt_at = ${alert.leaseUntil}::timestamptz`;
}

/** Records a 2xx. False when the claim was lost meanwhile (the outcome is then not recorded). */
export async function recordDelivered(prisma: PrismaClient, alert: ClaimedAlert): Promise<boolean> {
  const count = await prisma.$executeRaw`
    UPDATE products.stock_alerts
    SET delivery_status = 'DELIVERED', delivered_at = now(), last_error = NULL
    WHERE ${stillClaimed(alert)}`;
  return count === 1;
}

/**
 * Records a failed attempt: due again after `retryInMs`, or FAILED when `retryInMs` is null
 * (no attempts left). False when the claim was lost meanwhile.
 */
export async function recordFailed(prisma: PrismaClient, alert: ClaimedAlert, error: string, retryInMs: number | null): Promise<boolean> {
  const next =
    retryInMs === null
      ? Prisma.sql`delivery_status = 'FAILED'`
      : Prisma.sql`next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000}::float8)`;
  const count = await prisma.$executeRaw`
    UPDATE products.stock_alerts SET last_error = ${error}, ${next}
    WHERE ${stillClaimed(alert)}`;
  return count === 1;
}
