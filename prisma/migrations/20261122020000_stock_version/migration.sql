-- Every stock change bumps this in the same UPDATE, so per product it counts changes in
-- commit order; subscribers use it to deliver events in that order.
ALTER TABLE "products"."products" ADD COLUMN "stock_version" INTEGER NOT NULL DEFAULT 0;
