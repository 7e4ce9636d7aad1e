-- Order numbers from a counter row, taken in the transaction that places the order: no gaps for
-- placements that failed (they never get a number) and no jump after a restart (a sequence
-- pre-logs 32 values, which a crash or immediate shutdown skips).
-- CreateTable
CREATE TABLE "orders"."order_number_counter" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "order_number_counter_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "order_number_counter_single_row" CHECK ("id" = 1)
);

-- Orders that never became visible give their numbers back.
ALTER TABLE "orders"."orders" ALTER COLUMN "number" DROP DEFAULT, ALTER COLUMN "number" DROP NOT NULL;
UPDATE "orders"."orders" SET "number" = NULL WHERE "status" IN ('PENDING', 'ABANDONED');
DROP SEQUENCE IF EXISTS "orders"."orders_number_seq";

INSERT INTO "orders"."order_number_counter" ("id", "last_number")
SELECT 1, coalesce(max("number"), 0) FROM "orders"."orders";

-- The dashboard's sales aggregates read placed orders by time.
-- CreateIndex
CREATE INDEX "orders_placed_at_idx" ON "orders"."orders"("placed_at");
