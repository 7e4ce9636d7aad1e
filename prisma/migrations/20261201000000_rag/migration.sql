-- Rag subgraph: knowledge-base documents, their versions, chunks (full text and embeddings) and
-- durable ingest jobs (see the README, "Knowledge base").
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "rag";

-- CreateEnum
CREATE TYPE "rag"."document_visibility" AS ENUM ('PUBLIC', 'INTERNAL');

-- CreateEnum
CREATE TYPE "rag"."document_status" AS ENUM ('PENDING', 'PROCESSING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "rag"."ingest_stage" AS ENUM ('PARSING', 'CHUNKING', 'EMBEDDING', 'INDEXING');

-- CreateTable
CREATE TABLE "rag"."documents" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "title_key" TEXT NOT NULL,
    "visibility" "rag"."document_visibility" NOT NULL DEFAULT 'PUBLIC',
    "product_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "current_version" INTEGER,
    "latest_version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rag"."document_versions" (
    "document_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "mime_type" TEXT NOT NULL,
    "visibility" "rag"."document_visibility" NOT NULL DEFAULT 'PUBLIC',
    "content" TEXT NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "status" "rag"."document_status" NOT NULL DEFAULT 'PENDING',
    "stage" "rag"."ingest_stage",
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "chunk_count" INTEGER NOT NULL DEFAULT 0,
    "failure_reason" TEXT,
    "embedding_model" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "ready_at" TIMESTAMPTZ(3),

    CONSTRAINT "document_versions_pkey" PRIMARY KEY ("document_id","version"),
    CONSTRAINT "document_versions_progress_range" CHECK ("progress" >= 0 AND "progress" <= 1)
);

-- CreateTable
CREATE TABLE "rag"."chunks" (
    "id" BIGSERIAL NOT NULL,
    "document_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "heading_path" TEXT[],
    "context" TEXT NOT NULL,
    "start_offset" INTEGER NOT NULL,
    "end_offset" INTEGER NOT NULL,
    "token_count" INTEGER NOT NULL,
    "embedding" BYTEA,
    -- Prisma cannot declare a generated column; it sees this as Unsupported("tsvector").
    "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', "context"), 'A') ||
        setweight(to_tsvector('english', "text"), 'B')
    ) STORED,

    CONSTRAINT "chunks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rag"."ingest_jobs" (
    "document_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "ingest_jobs_pkey" PRIMARY KEY ("document_id","version")
);

-- CreateIndex
CREATE UNIQUE INDEX "documents_title_key_key" ON "rag"."documents"("title_key");

-- CreateIndex
CREATE INDEX "documents_product_ids_idx" ON "rag"."documents" USING GIN ("product_ids");

-- CreateIndex
CREATE INDEX "documents_created_at_id_idx" ON "rag"."documents"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "chunks_document_id_version_ordinal_key" ON "rag"."chunks"("document_id", "version", "ordinal");

-- CreateIndex
CREATE INDEX "chunks_search_vector_idx" ON "rag"."chunks" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "ingest_jobs_finished_at_next_attempt_at_idx" ON "rag"."ingest_jobs"("finished_at", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "rag"."document_versions" ADD CONSTRAINT "document_versions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "rag"."documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rag"."chunks" ADD CONSTRAINT "chunks_document_id_version_fkey" FOREIGN KEY ("document_id", "version") REFERENCES "rag"."document_versions"("document_id", "version") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rag"."ingest_jobs" ADD CONSTRAINT "ingest_jobs_document_id_version_fkey" FOREIGN KEY ("document_id", "version") REFERENCES "rag"."document_versions"("document_id", "version") ON DELETE CASCADE ON UPDATE CASCADE;
