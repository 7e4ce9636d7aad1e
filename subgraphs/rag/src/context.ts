import type { AiProvider } from '@bodega/ai';
import type { Identity } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import type { RagSettings } from './settings';
import type { ChunkIndex } from './vector/chunk-index';
import type { LexemeStats } from './vector/lexeme-stats';

/** What lives for the whole rag process. */
export interface RagDeps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  /** Embeddings and answers (@bodega/ai): OpenAI-compatible with a key, the local provider without. */
  ai: AiProvider;
  /** This process's vector index over every embedded chunk, kept current from Postgres and events. */
  index: ChunkIndex;
  /** Chunk counts per full-text lexeme, cached: the idf behind the full-text leg's cut-off. */
  lexemes: LexemeStats;
  settings: RagSettings;
  /** Wakes this process's ingest worker when a job is queued (when the process runs one). */
  ingestWorker?: { wake(): void };
}

/** What every service gets, per request: the process's deps and who is asking. */
export interface RagContext extends RagDeps {
  /** Null for an anonymous caller. */
  identity: Identity | null;
  requestId?: string;
}
