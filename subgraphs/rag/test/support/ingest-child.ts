// A rag process that only runs the ingest worker, slowly (tests kill it mid-ingest).
// Env: DATABASE_URL (the test database), REDIS_URL. Prints "ready" once the worker runs.
import { createPrismaClient } from '@bodega/db';
import { createEventBus } from '@bodega/events';
import { createLogger } from '@bodega/logger';
import { startRagRuntime } from '../../src/runtime';
import { slowProvider } from './slow-provider';

async function main() {
  const log = createLogger('rag-child', 'warn');
  const prisma = createPrismaClient(process.env.DATABASE_URL!, { maxConnections: 3 });
  const events = createEventBus({ log, redisUrl: process.env.REDIS_URL });
  await startRagRuntime({
    prisma,
    events,
    log,
    ai: slowProvider(150),
    settings: { pollIntervalMs: 50, leaseMs: 1_500, embedBatchSize: 2 },
  });
  process.stdout.write('ready\n');
}

void main();
