-- Low-stock alert outbox, and stock reservations keyed by order id (taken and returned
-- idempotently by the orders subgraph; see the README, "Orders").
-- CreateEnum
CREATE TYPE "products"."alert_delivery_status" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "products"."reservation_status" AS ENUM ('RESERVED', 'RELEASED');

-- CreateTable
CREATE TABLE "products"."stock_alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_id" UUID NOT NULL,
    "stock" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "stock_version" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivery_status" "products"."alert_delivery_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "stock_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products"."stock_reservations" (
    "order_id" UUID NOT NULL,
    "status" "products"."reservation_status" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMPTZ(3),

    CONSTRAINT "stock_reservations_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "products"."stock_reservation_items" (
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_amount" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,

    CONSTRAINT "stock_reservation_items_pkey" PRIMARY KEY ("order_id","product_id"),
    CONSTRAINT "stock_reservation_items_quantity_positive" CHECK ("quantity" > 0)
);

-- CreateIndex
CREATE INDEX "stock_alerts_delivery_status_next_attempt_at_idx" ON "products"."stock_alerts"("delivery_status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "stock_alerts_occurred_at_id_idx" ON "products"."stock_alerts"("occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stock_alerts_product_id_idx" ON "products"."stock_alerts"("product_id");

-- CreateIndex
CREATE INDEX "stock_reservation_items_product_id_idx" ON "products"."stock_reservation_items"("product_id");

-- AddForeignKey
ALTER TABLE "products"."stock_alerts" ADD CONSTRAINT "stock_alerts_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"."products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products"."stock_reservation_items" ADD CONSTRAINT "stock_reservation_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "products"."stock_reservations"("order_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products"."stock_reservation_items" ADD CONSTRAINT "stock_reservation_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"."products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
