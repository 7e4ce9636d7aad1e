import type { PrismaClient } from '@bodega/db';
import type { Logger } from '@bodega/logger';
import { abandonOrder } from './abandon';
import type { StockClient } from './stock-client';
import { returnStock } from './transitions';

export interface OrderRecoveryOptions {
  /** A PENDING order older than this was interrupted (crash, lost response) and is abandoned. Default: 30 000 ms. */
  pendingTimeoutMs?: number;
  /** How often to look. Default: 5000 ms. */
  intervalMs?: number;
  /** Leave fresh cancellations to the request that made them for this long. Default: 10 000 ms. */
  cancelGraceMs?: number;
}

export interface OrderRecovery {
  /** One pass; returns how many orders it finished. Exposed for tests and the bench. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Deps {
  prisma: PrismaClient;
  stock: StockClient;
  log: Logger;
}

const BATCH = 100;

/**
 * Finishes what a crash or an unreachable products subgraph interrupted: PENDING orders
 * that never got confirmed are abandoned (their stock, if any was taken, returned), and
 * cancelled orders whose stock is not back yet get it back. Every step is idempotent, so
 * several orders processes may run this at once.
 */
export function startOrderRecovery(deps: Deps, options: OrderRecoveryOptions = {}): OrderRecovery {
  const pendingTimeoutMs = options.pendingTimeoutMs ?? 30_000;
  const cancelGraceMs = options.cancelGraceMs ?? 10_000;
  const ctx = { ...deps, requestId: 'order-recovery' };
  let running: Promise<number> | null = null;

  async function pass(): Promise<number> {
    const stale = new Date(Date.now() - pendingTimeoutMs);
    await deps.prisma.order.updateMany({ where: { status: 'PENDING', createdAt: { lt: stale } }, data: { status: 'ABANDONED' } });
    let finished = 0;
    const abandoned = await deps.prisma.order.findMany({ where: { status: 'ABANDONED' }, select: { id: true }, take: BATCH });
    for (const { id } of abandoned) {
      await abandonOrder(ctx, id).then(
        () => void (finished += 1),
        (err: unknown) => deps.log.warn({ err, orderId: id }, 'abandoned order: stock not returned yet'),
      );
    }
    const cancelled = await deps.prisma.order.findMany({
      where: { status: 'CANCELLED', stockReleasedAt: null, updatedAt: { lt: new Date(Date.now() - cancelGraceMs) } },
      take: BATCH,
    });
    for (const order of cancelled) {
      const after = await returnStock(ctx, order);
      if (after.stockReleasedAt) finished += 1;
    }
    if (finished) deps.log.info({ finished }, 'order recovery finished interrupted orders');
    return finished;
  }

  const runOnce = () => {
    running ??= pass().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => {
    runOnce().catch((err: unknown) => deps.log.error({ err }, 'order recovery pass failed'));
  }, options.intervalMs ?? 5000);
  timer.unref();

  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
