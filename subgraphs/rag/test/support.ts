import { randomUUID } from 'node:crypto';
import { createLocalProvider, type AiProvider } from '@bodega/ai';
import type { Identity, Role } from '@bodega/auth';
import { createPrismaClient, type PrismaClient } from '@bodega/db';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import { createEventBus, type EventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import type { RagContext } from '../src/context';
import { getDocument } from '../src/services/documents';
import type { DocumentModel } from '../src/services/document-model';
import { startRagRuntime, type RagRuntime, type RagRuntimeOptions } from '../src/runtime';
import type { RagSettings } from '../src/settings';

export interface RagHarness {
  db: TestDatabase;
  prisma: PrismaClient;
  events: EventBus;
  runtime: RagRuntime;
  staff: RagContext;
  customer: RagContext;
  anonymous: RagContext;
  as(role: Role | null): RagContext;
  /** Waits until the document's latest version is READY or FAILED. */
  settled(id: string, timeoutMs?: number): Promise<DocumentModel>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  settings?: Partial<RagSettings>;
  ai?: AiProvider;
  /** Redis pub/sub (REDIS_URL) instead of the in-process bus. */
  redis?: boolean;
  worker?: RagRuntimeOptions['worker'];
  /** Another harness's database: a second replica of the same deployment. */
  database?: TestDatabase;
}

export function identity(role: Role): Identity {
  return { userId: randomUUID(), role, tokenId: randomUUID() };
}

/** The rag services over a database of their own, with the local provider and a fast-polling worker. */
export async function startRagHarness(options: HarnessOptions = {}): Promise<RagHarness> {
  const db = options.database ?? (await createTestDatabase());
  const log = createLogger('rag-test', process.env.LOG_LEVEL ?? 'silent');
  const prisma = createPrismaClient(db.url, { maxConnections: 5 });
  const events = createEventBus({ log, redisUrl: options.redis ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined });
  const runtime = await startRagRuntime({
    prisma,
    events,
    log,
    ai: options.ai ?? createLocalProvider(),
    settings: { pollIntervalMs: 50, ...options.settings },
    worker: options.worker,
  });
  const as = (role: Role | null) => runtime.context(role ? identity(role) : null);
  const harness: RagHarness = {
    db,
    prisma,
    events,
    runtime,
    staff: as('STAFF'),
    customer: as('CUSTOMER'),
    anonymous: as(null),
    as,
    settled: async (id, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const document = await getDocument(harness.staff, id);
        if (document && (document.status === 'READY' || document.status === 'FAILED')) return document;
        if (Date.now() > deadline) throw new Error(`Document ${id} did not settle: ${JSON.stringify(document)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: async () => {
      await runtime.close();
      await Promise.all([prisma.$disconnect(), events.close()]);
      if (!options.database) await db.drop();
    },
  };
  return harness;
}
