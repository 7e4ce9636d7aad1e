-- Chat subgraph: an append-only event log per conversation, and the projections queries read
-- (conversations, messages, participants, read positions), written in the same transaction as each event.
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "chat";

-- CreateEnum
CREATE TYPE "chat"."conversation_status" AS ENUM ('OPEN', 'PENDING', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "chat"."message_role" AS ENUM ('CUSTOMER', 'AGENT', 'ASSISTANT', 'SYSTEM');

-- CreateTable
CREATE TABLE "chat"."events" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" UUID,
    "client_message_id" TEXT,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "events_version_positive" CHECK ("version" > 0)
);

-- CreateTable
CREATE TABLE "chat"."conversations" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "order_id" UUID,
    "status" "chat"."conversation_status" NOT NULL DEFAULT 'OPEN',
    "assignee_id" UUID,
    "waiting_for_agent" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL,
    "last_message_sequence" INTEGER NOT NULL DEFAULT 0,
    "last_public_sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat"."messages" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "role" "chat"."message_role" NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "client_message_id" TEXT,
    "citations" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat"."participants" (
    "conversation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "chat"."message_role" NOT NULL,
    "read_up_to" INTEGER NOT NULL DEFAULT 0,
    "joined_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "participants_pkey" PRIMARY KEY ("conversation_id","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "events_conversation_id_version_key" ON "chat"."events"("conversation_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "events_actor_id_client_message_id_key" ON "chat"."events"("actor_id", "client_message_id");

-- CreateIndex
CREATE INDEX "conversations_customer_id_created_at_id_idx" ON "chat"."conversations"("customer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_status_created_at_id_idx" ON "chat"."conversations"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_assignee_id_idx" ON "chat"."conversations"("assignee_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_conversation_id_sequence_key" ON "chat"."messages"("conversation_id", "sequence");

-- CreateIndex
CREATE INDEX "participants_user_id_idx" ON "chat"."participants"("user_id");

-- AddForeignKey
ALTER TABLE "chat"."messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "chat"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat"."participants" ADD CONSTRAINT "participants_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "chat"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "chat"."agents" (
    "user_id" UUID NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "last_offered_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "agents_available_last_offered_at_idx" ON "chat"."agents"("available", "last_offered_at");
