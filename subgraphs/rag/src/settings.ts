import { z } from 'zod';
import { DEFAULT_CHUNKING, type ChunkingOptions } from './chunking';
import { MAX_DOCUMENT_BYTES } from './ingest/content';

/** The rag subgraph's tunables. Every duration is in milliseconds. */
export interface RagSettings {
  /** A document's size limit in UTF-8 bytes. @default 524288 (512 KiB) */
  maxDocumentBytes: number;
  chunking: ChunkingOptions;
  /** Chunks per embedding call; progress moves once per batch. @default 16 */
  embedBatchSize: number;
  /** Candidates each search leg contributes before fusion. @default 50 */
  candidatesPerLeg: number;
  /**
   * Full-text leg: about how many matching chunks a search ranks at most (a work budget that binds
   * only on large corpora; see services/search.ts). @default 500
   */
  fullTextBudget: number;
  /** Reciprocal rank fusion's k: a result's score is the sum over legs of 1 / (k + rank). @default 60 */
  rrfK: number;
  /** Chunks an answer is drawn from. @default 6 */
  answerChunks: number;
  /**
   * Evidence (0..1, see services/evidence.ts) below which an answer is not grounded. Calibrated on
   * the eval set (`npm run rag:eval`). @default 0.56
   */
  groundingThreshold: number;
  /** Ingest worker: how long a claimed job stays invisible to other workers; renewed after every step. @default 30000 */
  leaseMs: number;
  /** Ingest worker: claims per job before it is FAILED (a job that keeps killing its worker). @default 5 */
  maxAttempts: number;
  /** Ingest worker: how often it looks for due jobs; a PENDING event wakes it at once. @default 1000 */
  pollIntervalMs: number;
  /** Ingest worker: jobs in flight at once. @default 2 */
  concurrency: number;
  /** Vector index: rebuilt from Postgres when removed entries pass this share of it. @default 0.2 */
  rebuildRatio: number;
}

export const DEFAULT_RAG_SETTINGS: RagSettings = {
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  chunking: DEFAULT_CHUNKING,
  embedBatchSize: 16,
  candidatesPerLeg: 50,
  fullTextBudget: 500,
  rrfK: 60,
  answerChunks: 6,
  groundingThreshold: 0.56,
  leaseMs: 30_000,
  maxAttempts: 5,
  pollIntervalMs: 1_000,
  concurrency: 2,
  rebuildRatio: 0.2,
};

export function ragSettings(overrides: Partial<RagSettings> = {}): RagSettings {
  return { ...DEFAULT_RAG_SETTINGS, ...overrides, chunking: { ...DEFAULT_RAG_SETTINGS.chunking, ...overrides.chunking } };
}

/** The rag variables, for `readEnv` in every process that runs the rag subgraph. */
export const ragEnv = {
  /** Ingest jobs one rag process works on at once. */
  RAG_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULT_RAG_SETTINGS.concurrency),
  /** Evidence (0..1) under which an answer is not grounded (see README, "Knowledge base"). */
  RAG_GROUNDING_THRESHOLD: z.coerce.number().min(0).max(1).default(DEFAULT_RAG_SETTINGS.groundingThreshold),
};

export type RagEnv = z.infer<z.ZodObject<typeof ragEnv>>;

export function ragSettingsFromEnv(env: RagEnv): Partial<RagSettings> {
  return { concurrency: env.RAG_INGEST_CONCURRENCY, groundingThreshold: env.RAG_GROUNDING_THRESHOLD };
}
