-- Orders subgraph: orders, their items (prices captured when the stock was taken) and status history.
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "orders";

-- CreateEnum
CREATE TYPE "orders"."order_status" AS ENUM ('PENDING', 'PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'ABANDONED');

-- CreateTable
CREATE TABLE "orders"."orders" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "idempotency_key" TEXT,
    "request_hash" CHAR(64) NOT NULL,
    "status" "orders"."order_status" NOT NULL DEFAULT 'PENDING',
    "total_amount" DECIMAL(12,2),
    "currency" CHAR(3),
    "stock_released_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "placed_at" TIMESTAMPTZ(3),

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders"."order_items" (
    "order_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_amount" DECIMAL(12,2),
    "position" INTEGER NOT NULL,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("order_id","product_id"),
    CONSTRAINT "order_items_quantity_positive" CHECK ("quantity" > 0)
);

-- CreateTable
CREATE TABLE "orders"."order_status_changes" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "status" "orders"."order_status" NOT NULL,
    "changed_by" UUID,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_number_key" ON "orders"."orders"("number");

-- CreateIndex
CREATE INDEX "orders_customer_id_created_at_id_idx" ON "orders"."orders"("customer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_created_at_id_idx" ON "orders"."orders"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_status_created_at_idx" ON "orders"."orders"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_customer_id_idempotency_key_key" ON "orders"."orders"("customer_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "order_items_product_id_idx" ON "orders"."order_items"("product_id");

-- CreateIndex
CREATE INDEX "order_status_changes_order_id_changed_at_idx" ON "orders"."order_status_changes"("order_id", "changed_at");

-- AddForeignKey
ALTER TABLE "orders"."order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders"."order_status_changes" ADD CONSTRAINT "order_status_changes_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
