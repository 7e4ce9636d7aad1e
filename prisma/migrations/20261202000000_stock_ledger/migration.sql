-- The inventory ledger: every stock change as a movement, written in the same statement as the
-- change. Alerts get a kind (low stock, out of stock) and are resolved once stock is back.
-- CreateEnum
CREATE TYPE "products"."stock_movement_reason" AS ENUM ('INITIAL', 'SALE', 'ORDER', 'CANCEL', 'RESTOCK', 'RECEIVED', 'DAMAGED', 'CORRECTION');

-- CreateEnum
CREATE TYPE "products"."stock_alert_kind" AS ENUM ('LOW_STOCK', 'OUT_OF_STOCK');

-- CreateTable
CREATE TABLE "products"."stock_movements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_id" UUID NOT NULL,
    "delta" INTEGER NOT NULL,
    "reason" "products"."stock_movement_reason" NOT NULL,
    "stock_after" INTEGER NOT NULL,
    "stock_version" INTEGER NOT NULL,
    "actor_id" UUID,
    "order_id" UUID,
    "note" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "stock_movements_product_id_stock_version_key" ON "products"."stock_movements"("product_id", "stock_version");

-- CreateIndex
CREATE INDEX "stock_movements_order_id_idx" ON "products"."stock_movements"("order_id");

-- AddForeignKey
ALTER TABLE "products"."stock_movements" ADD CONSTRAINT "stock_movements_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"."products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "products"."stock_alerts" ADD COLUMN "kind" "products"."stock_alert_kind" NOT NULL DEFAULT 'LOW_STOCK',
ADD COLUMN "resolved_at" TIMESTAMPTZ(3);

-- Alerts recorded before resolution existed: resolved when their product is no longer low.
UPDATE "products"."stock_alerts" a SET "resolved_at" = CURRENT_TIMESTAMP
FROM "products"."products" p
WHERE p."id" = a."product_id" AND p."stock" >= p."low_stock_threshold";

-- AlterTable
ALTER TABLE "products"."products" ADD COLUMN "archived_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "stock_alerts_product_id_resolved_at_idx" ON "products"."stock_alerts"("product_id", "resolved_at");

-- The ledger row and the alert changes of one committed stock change, called from the statement
-- that changes stock, for each changed product. VOLATILE, so each of its queries reads with a
-- snapshot taken after the caller's UPDATE got the product's row lock: it sees every alert a
-- change before it committed (the caller's own snapshot is from before the wait), so concurrent
-- changes never open a second alert of a kind nor leave one open once stock is back.
CREATE FUNCTION "products"."record_stock_effects"(
    p_product UUID, p_stock INTEGER, p_threshold INTEGER, p_version INTEGER, p_delta INTEGER,
    p_reason "products"."stock_movement_reason", p_actor UUID, p_order UUID, p_note TEXT, p_movement BOOLEAN
) RETURNS JSON LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_opened JSON;
    v_resolved JSON;
BEGIN
    IF p_movement THEN
        INSERT INTO "products"."stock_movements" ("product_id", "delta", "reason", "stock_after", "stock_version", "actor_id", "order_id", "note")
        VALUES (p_product, p_delta, p_reason, p_stock, p_version, p_actor, p_order, p_note);
    END IF;
    WITH r AS (
        UPDATE "products"."stock_alerts" SET "resolved_at" = now()
        WHERE "product_id" = p_product AND "resolved_at" IS NULL
          AND CASE "kind" WHEN 'OUT_OF_STOCK' THEN p_stock > 0 ELSE p_stock >= p_threshold END
        RETURNING "id", "kind"::TEXT AS "kind"
    )
    SELECT coalesce(json_agg(json_build_object('id', r."id", 'kind', r."kind") ORDER BY r."kind"), '[]'::JSON) INTO v_resolved FROM r;
    WITH o AS (
        INSERT INTO "products"."stock_alerts" ("product_id", "kind", "stock", "threshold", "stock_version")
        SELECT p_product, k."kind", p_stock, p_threshold, p_version
        FROM (VALUES ('LOW_STOCK'::"products"."stock_alert_kind"), ('OUT_OF_STOCK'::"products"."stock_alert_kind")) AS k("kind")
        WHERE CASE k."kind" WHEN 'OUT_OF_STOCK' THEN p_stock = 0 ELSE p_stock < p_threshold END
          AND NOT EXISTS (
              SELECT 1 FROM "products"."stock_alerts" a
              WHERE a."product_id" = p_product AND a."kind" = k."kind" AND a."resolved_at" IS NULL
          )
        RETURNING "id", "kind"::TEXT AS "kind"
    )
    SELECT coalesce(json_agg(json_build_object('id', o."id", 'kind', o."kind") ORDER BY o."kind"), '[]'::JSON) INTO v_opened FROM o;
    RETURN json_build_object('opened', v_opened, 'resolved', v_resolved);
END;
$$;
