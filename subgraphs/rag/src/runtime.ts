import type { AiProvider } from '@bodega/ai';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import type { Identity } from '@bodega/auth';
import type { RagContext, RagDeps } from './context';
import { IngestWorker } from './jobs/worker';
import { ragSettings, type RagSettings } from './settings';
import { ChunkIndex } from './vector/chunk-index';
import { LexemeStats } from './vector/lexeme-stats';

export interface RagRuntimeOptions {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  ai: AiProvider;
  settings?: Partial<RagSettings>;
  /** Run an ingest worker in this process. @default true */
  worker?: boolean;
}

export interface RagRuntime {
  deps: RagDeps;
  index: ChunkIndex;
  worker: IngestWorker | undefined;
  /** The request context of a caller (null: anonymous), for resolvers and tests. */
  context(identity: Identity | null, requestId?: string): RagContext;
  close(): Promise<void>;
}

/**
 * What a rag process runs besides its HTTP server: the vector index (built from Postgres before
 * this resolves, then kept current from events) and, unless told not to, an ingest worker.
 */
export async function startRagRuntime(options: RagRuntimeOptions): Promise<RagRuntime> {
  const settings = ragSettings(options.settings);
  const index = new ChunkIndex(
    { prisma: options.prisma, events: options.events, log: options.log },
    { embeddingModel: options.ai.embeddingModel, rebuildRatio: settings.rebuildRatio },
  );
  await index.start();
  const lexemes = new LexemeStats(options.prisma);
  const base = { prisma: options.prisma, events: options.events, log: options.log, ai: options.ai, index, lexemes, settings };
  const worker = options.worker === false ? undefined : new IngestWorker(base);
  const deps: RagDeps = { ...base, ingestWorker: worker };
  await worker?.start();
  return {
    deps,
    index,
    worker,
    context: (identity, requestId) => ({ ...deps, identity, requestId }),
    close: async () => {
      await worker?.stop();
      await index.stop();
    },
  };
}
