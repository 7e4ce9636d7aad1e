import { Prisma, type Product } from '@bodega/db';
import { Topic, type StockAlertKind, type StockChangeReason } from '@bodega/events';
import type { Context } from '../context';

/** Why a ledger row was written: a published stock change's reason, or the product's first stock. */
export type MovementReason = StockChangeReason | 'INITIAL';

/** An alert a change opened or resolved. */
export interface AlertTouched {
  id: string;
  kind: StockAlertKind;
}

/** A committed stock change: the product as it left it, and the alerts it opened and resolved. */
export interface StockChangeResult {
  product: Product;
  delta: number;
  reason: MovementReason;
  opened: AlertTouched[];
  resolved: AlertTouched[];
}

export type ChangedRow = Product & { delta: number; opened: AlertTouched[]; resolved: AlertTouched[] };

/** What the ledger row says beyond the numbers: why, who, for which order, and the staff's note. */
export interface MovementInfo {
  reason: MovementReason;
  actorId: string | null;
  orderId?: string | null;
  note?: string | null;
}

type Queryable = Pick<Context['prisma'], '$queryRaw'>;
type Tx = Prisma.TransactionClient;

/** The changed product in the Prisma model's shape, plus the delta: RETURNING of an UPDATE on products `p`. */
export const CHANGED_COLUMNS = Prisma.sql`p.id, p.name, p.keywords, p.description, p.category_id AS "categoryId",
  p.price_amount AS "priceAmount", p.price_currency AS "priceCurrency", p.stock,
  p.low_stock_threshold AS "lowStockThreshold", p.stock_version AS "stockVersion",
  p.enrichment_status::text AS "enrichmentStatus", p.enrichment_source::text AS "enrichmentSource",
  p.enrichment_error AS "enrichmentError", p.description_generated AS "descriptionGenerated",
  p.category_generated AS "categoryGenerated", p.category_confidence AS "categoryConfidence",
  p.category_suggestions AS "categorySuggestions", p.needs_review AS "needsReview",
  p.archived_at AS "archivedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/** The user behind a request, for the ledger; null for a service (orders) or nobody. */
export function actorOf(ctx: Context): string | null {
  const identity = ctx.identity;
  return identity && identity.role !== 'SERVICE' ? identity.userId : null;
}

/**
 * The final SELECT after a `changed AS (… RETURNING CHANGED_COLUMNS, <delta> AS delta)`: for each
 * changed product, products.record_stock_effects (see the ledger migration) writes the ledger row
 * (unless `movement` is null: a threshold change moves no stock), resolves the open alerts whose
 * condition no longer holds (LOW_STOCK: stock at or above the threshold; OUT_OF_STOCK: above 0)
 * and opens one of each kind whose condition now holds and has none open (LOW_STOCK: below the
 * threshold; OUT_OF_STOCK: 0), so a product has at most one open alert of a kind. All in the
 * statement of the change: the movement and the alerts exist exactly when the change does. The
 * function reads the alerts afresh once the UPDATE holds the row lock, so concurrent changes
 * (serialised by that lock) always see each other's alerts, without a transaction around them.
 */
export function recordEffects(movement: MovementInfo | null): Prisma.Sql {
  const reason = movement?.reason ?? 'INITIAL';
  return Prisma.sql`
  SELECT changed.*, effects.e -> 'opened' AS opened, effects.e -> 'resolved' AS resolved
  FROM changed CROSS JOIN LATERAL (
    SELECT products.record_stock_effects(changed.id, changed.stock, changed."lowStockThreshold", changed."stockVersion", changed.delta,
      ${reason}::products.stock_movement_reason, ${movement?.actorId ?? null}::uuid, ${movement?.orderId ?? null}::uuid,
      ${movement?.note ?? null}::text, ${movement !== null}) AS e
  ) effects`;
}

/**
 * One conditional UPDATE with its ledger row and alerts: returns null when the guard matched no
 * row, in which case stock is left exactly as it was and nothing is recorded. One statement: the
 * row lock is held for it and its commit only. Given a transaction (`{ tx }`), inside it.
 */
export async function applyStockChange(
  db: { client: Context['prisma'] } | { tx: Tx },
  productId: string,
  delta: number,
  movement: MovementInfo,
  guard: Prisma.Sql,
): Promise<StockChangeResult | null> {
  const queryable: Queryable = 'client' in db ? db.client : db.tx;
  const rows = await queryable.$queryRaw<ChangedRow[]>`
    WITH changed AS (
      UPDATE products.products p
      SET stock = stock + ${delta}, stock_version = stock_version + 1, updated_at = now()
      WHERE id = ${productId}::uuid AND ${guard}
      RETURNING ${CHANGED_COLUMNS}, ${delta}::int AS delta
    ) ${recordEffects(movement)}`;
  return rows[0] ? toResult(rows[0], movement.reason) : null;
}

/**
 * Brings the product's alerts in line with its stock and threshold as they are now, without a
 * stock change (creation, a new threshold). Run inside the transaction that wrote the product
 * (its row lock orders it with concurrent stock changes); `movement` records the initial stock.
 */
export async function settleAlerts(db: Queryable, productId: string, movement: MovementInfo | null): Promise<StockChangeResult | null> {
  const rows = await db.$queryRaw<ChangedRow[]>`
    WITH changed AS (
      SELECT ${CHANGED_COLUMNS}, p.stock AS delta FROM products.products p WHERE p.id = ${productId}::uuid
    ) ${recordEffects(movement)}`;
  return rows[0] ? toResult(rows[0], movement?.reason ?? 'INITIAL') : null;
}

/** Takes the products' row locks in one order (no deadlocks) for a transaction that changes several. */
export async function lockProducts(tx: Queryable, productIds: readonly string[]): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM products.products WHERE id = ANY(${[...productIds]}::uuid[]) ORDER BY id FOR UPDATE`;
}

export function toResult(row: ChangedRow, reason: MovementReason): StockChangeResult {
  const { opened, resolved, delta, ...product } = row;
  return { product, delta, reason, opened, resolved };
}

/**
 * Announces changes that have committed (never from inside a transaction: a rolled-back
 * change must not announce itself). Not awaited by callers' responses: a slow or restarting
 * Redis must not hold up a sale; ioredis keeps commands in order while reconnecting.
 * `stockChanged: false` announces only the alerts (creation, a threshold change).
 */
export function announceStockChanges(ctx: Context, changes: readonly StockChangeResult[], { stockChanged = true } = {}): void {
  const occurredAt = new Date().toISOString();
  const published: Array<Promise<void>> = [];
  for (const { product, delta, reason, opened, resolved } of changes) {
    ctx.loaders.product.clear(product.id).prime(product.id, product);
    const threshold = product.lowStockThreshold;
    if (stockChanged && reason !== 'INITIAL') {
      ctx.log.info({ productId: product.id, stock: product.stock, delta, reason, version: product.stockVersion }, 'stock changed');
      published.push(
        ctx.events.publish(Topic.StockChanged, {
          productId: product.id,
          stock: product.stock,
          delta,
          reason,
          lowStockThreshold: threshold,
          version: product.stockVersion,
          occurredAt,
        }),
      );
    }
    for (const alert of opened) {
      ctx.log.info({ productId: product.id, alertId: alert.id, kind: alert.kind, stock: product.stock, threshold }, 'stock alert recorded');
      ctx.loaders.stockAlert.clear(alert.id);
      published.push(
        ctx.events.publish(Topic.LowStockAlert, {
          alertId: alert.id,
          kind: alert.kind,
          productId: product.id,
          stock: product.stock,
          threshold,
          version: product.stockVersion,
          occurredAt,
        }),
        ctx.events.publish(Topic.StockAlertUpdated, { alertId: alert.id, productId: product.id, change: 'OPENED', occurredAt }),
      );
    }
    for (const alert of resolved) {
      ctx.log.info({ productId: product.id, alertId: alert.id, kind: alert.kind, stock: product.stock }, 'stock alert resolved');
      ctx.loaders.stockAlert.clear(alert.id);
      published.push(ctx.events.publish(Topic.StockAlertUpdated, { alertId: alert.id, productId: product.id, change: 'RESOLVED', occurredAt }));
    }
  }
  void Promise.all(published).catch((err: unknown) => ctx.log.warn({ err }, 'stock event not published'));
}
