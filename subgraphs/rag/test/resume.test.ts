import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { faker } from '@faker-js/faker';
import { Topic, type DocumentStatusChangedEvent } from '@bodega/events';
import { IngestWorker } from '../src/jobs/worker';
import { ingestDocument } from '../src/services/documents';
import { startRagHarness, type RagHarness } from './support';

faker.seed(1402);

function startChild(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'ingest-child.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      if (String(data).includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the ingest child exited (${code}) before it was ready`)));
  });
}

describe('a process killed mid-ingest', () => {
  let h: RagHarness;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    // No worker here at first: the child process does the ingest.
    h = await startRagHarness({ redis: true, worker: false, settings: { leaseMs: 1_500, embedBatchSize: 2 } });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await h.close();
  });

  it('is resumed by another process after its lease runs out, with no chunk written twice', async () => {
    const events: DocumentStatusChangedEvent[] = [];
    const unsubscribe = await h.events.subscribe(Topic.DocumentStatusChanged, (event) => events.push(event));
    child = await startChild(h.db.url);
    const content = Array.from({ length: 8 }, (_, i) => `## Part ${i + 1}\n\n${faker.lorem.paragraphs(2, '\n\n')}`).join('\n\n');
    const document = await ingestDocument(h.staff, { title: 'Long manual', content, mimeType: 'text/markdown' });

    // Kill the child once it is embedding, with some chunks done and others not.
    for (;;) {
      const version = await h.prisma.documentVersion.findFirstOrThrow({ where: { documentId: document.id } });
      const embedded = await h.prisma.chunk.count({ where: { documentId: document.id, NOT: { embedding: null } } });
      if (version.stage === 'EMBEDDING' && embedded >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    const before = await h.prisma.chunk.findMany({ where: { documentId: document.id }, select: { id: true, embedding: true } });
    expect(before.some((chunk) => chunk.embedding === null)).toBe(true);

    // Another process, started after the crash, picks the job up when the lease runs out.
    const worker = new IngestWorker(h.runtime.deps);
    await worker.start();
    try {
      const ready = await h.settled(document.id, 20_000);
      const chunks = await h.prisma.chunk.findMany({ where: { documentId: document.id }, orderBy: { ordinal: 'asc' } });
      expect(ready).toMatchObject({ status: 'READY', progress: 1, chunkCount: chunks.length });
      expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, i) => i));
      // The chunks the child wrote are the ones kept: nothing re-chunked, nothing doubled.
      expect(chunks.map((chunk) => chunk.id)).toEqual(before.map((chunk) => chunk.id).sort((a, b) => Number(a - b)));
      expect(chunks.every((chunk) => chunk.embedding !== null)).toBe(true);
      const job = await h.prisma.ingestJob.findFirstOrThrow({ where: { documentId: document.id } });
      expect(job.attempts).toBe(2);
      expect(h.runtime.index.search((await h.runtime.deps.ai.embed([chunks[0]!.text]))[0]!, 1)[0]?.chunkId).toBe(chunks[0]!.id);
    } finally {
      await worker.stop();
      unsubscribe();
    }
    const progress = events.filter((event) => event.documentId === document.id).map((event) => event.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  }, 40_000);
});
