-- Which fields enrichment generated, and how sure it was of a generated category (see the README,
-- "AI enrichment"). Products enriched before this migration count as written by hand: nothing
-- recorded which of their fields were generated, so none is ever rewritten for them.
-- AlterTable
ALTER TABLE "products"."products" ADD COLUMN     "description_generated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "category_generated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "category_confidence" DOUBLE PRECISION,
ADD COLUMN     "category_suggestions" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "needs_review" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "products_needs_review_created_at_id_idx" ON "products"."products"("needs_review", "created_at" DESC, "id" DESC);
