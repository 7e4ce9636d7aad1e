import type { AiProvider } from '@bodega/ai';
import type { AccessTokenVerifier, Identity, InternalVerifier } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { requestContext, withRequest, type RequestContext, type RequestInfo } from '@bodega/server-kit';
import type { RagSettings } from './settings';
import type { ChunkIndex } from './vector/chunk-index';
import type { LexemeStats } from './vector/lexeme-stats';

/** What lives for the whole rag process (what `startRagRuntime` makes). */
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
  /** Null for an anonymous caller; a Bodega service (role SERVICE) reads what a customer reads. */
  identity: Identity | null;
  requestId?: string;
}

/** What the rag subgraph's server needs besides the runtime. */
export interface Deps extends RagDeps {
  /** Verifies the caller's access token: the subgraph trusts no identity it did not verify. */
  tokens: AccessTokenVerifier;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
}

/** What every resolver gets, per request (its document loader: services/document-model.ts, documentLoader). */
export interface Context extends RagDeps, RequestContext {}

export async function createContext(deps: Deps, request: RequestInfo): Promise<Context> {
  const { tokens, internal: _internal, ...rag } = deps;
  return withRequest(rag, await requestContext(tokens, request));
}
