-- Products subgraph: the Google Product Taxonomy and the product catalogue.
CREATE SCHEMA IF NOT EXISTS "products";

-- array_to_string is only STABLE; a generated column needs an IMMUTABLE expression.
CREATE FUNCTION "products"."immutable_array_to_string"(TEXT[], TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string($1, $2) $$;

CREATE TYPE "products"."enrichment_status" AS ENUM ('COMPLETE', 'PARTIAL', 'FAILED', 'SKIPPED');
CREATE TYPE "products"."enrichment_source" AS ENUM ('OPENAI', 'LOCAL', 'MANUAL');

CREATE TABLE "products"."categories" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "parent_id" INTEGER,
    "depth" INTEGER NOT NULL,
    "ancestor_ids" INTEGER[],
    CONSTRAINT "categories_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "products"."products" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT,
    "category_id" INTEGER,
    "price_amount" DECIMAL(12,2),
    "price_currency" CHAR(3),
    "stock" INTEGER NOT NULL,
    "low_stock_threshold" INTEGER NOT NULL DEFAULT 10,
    "enrichment_status" "products"."enrichment_status" NOT NULL DEFAULT 'SKIPPED',
    "enrichment_source" "products"."enrichment_source" NOT NULL DEFAULT 'MANUAL',
    "enrichment_error" TEXT,
    -- Prisma cannot declare a generated column; it sees this as Unsupported("tsvector").
    "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce("name", '')), 'A') ||
        setweight(to_tsvector('english', coalesce("products"."immutable_array_to_string"("keywords", ' '), '')), 'B') ||
        setweight(to_tsvector('english', coalesce("description", '')), 'C')
    ) STORED,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id"),
    -- Belt and braces under the conditional updates: stock can never go below zero.
    CONSTRAINT "products_stock_non_negative" CHECK ("stock" >= 0),
    CONSTRAINT "products_low_stock_threshold_non_negative" CHECK ("low_stock_threshold" >= 0)
);

CREATE UNIQUE INDEX "categories_path_key" ON "products"."categories"("path");
CREATE INDEX "categories_parent_id_idx" ON "products"."categories"("parent_id");
CREATE INDEX "categories_ancestor_ids_idx" ON "products"."categories" USING GIN ("ancestor_ids");
CREATE INDEX "products_category_id_idx" ON "products"."products"("category_id");
CREATE INDEX "products_created_at_id_idx" ON "products"."products"("created_at" DESC, "id" DESC);
CREATE INDEX "products_search_vector_idx" ON "products"."products" USING GIN ("search_vector");

ALTER TABLE "products"."categories" ADD CONSTRAINT "categories_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "products"."categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "products"."products" ADD CONSTRAINT "products_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "products"."categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;
