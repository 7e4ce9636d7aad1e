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
