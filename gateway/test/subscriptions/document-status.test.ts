import { faker } from '@faker-js/faker';
import { createLocalProvider, type AiProvider } from '@bodega/ai';
import { bearer } from '@bodega/testing/auth';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { record, wsClient } from '@bodega/testing/ws';
import type { Client } from 'graphql-ws';
import { ingest, settled } from '@bodega/testing/knowledge-base';

interface DocumentStatus {
  documentStatusChanged: { id: string; status: string; progress: number; chunkCount: number };
}

/** The local provider with every embedding call slowed down, so an ingest takes long enough to watch. */
function slowEmbeddings(delayMs: number): AiProvider {
  const local = createLocalProvider();
  return {
    name: local.name,
    model: local.model,
    embeddingModel: local.embeddingModel,
    generate: (request) => local.generate(request),
    embed: async (texts) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return local.embed(texts);
    },
  };
}

function longDocument(sections: number): string {
  return Array.from({ length: sections }, (_, i) => `## Section ${i + 1}\n\n${faker.lorem.paragraphs(3, '\n\n')}`).join('\n\n');
}

let stack: Stack;
const clients: Client[] = [];
const client = async (authorization: string) => {
  const made = wsClient(stack.gateway.url, { connectionParams: { authorization } });
  clients.push(made);
  return made;
};

beforeAll(async () => {
  stack = await startStack({ ragAi: slowEmbeddings(150), rag: { embedBatchSize: 4 } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await stack.close();
});

describe('the contract DocumentStatus subscription through the gateway', () => {
  it("streams a document's ingest: its state now, then progress that never goes down, to READY with the exact chunk count", async () => {
    const staff = await client(await bearer('STAFF'));
    const document = await ingest(stack, { title: `Care guide ${faker.string.alphanumeric(8)}`, content: longDocument(8), mimeType: 'text/markdown' });
    const updates = record<DocumentStatus>(staff, contractOperation('DocumentStatus'), { id: document.id });
    const ready = await settled(stack, document.id, 30_000);
    expect(ready.status).toBe('READY');
    await updates.until(1);
    await waitFor(() => updates.results.some((result) => result.data?.documentStatusChanged.status === 'READY'), 5_000);

    const states = updates.results.map((result) => {
      expect(result.errors).toBeUndefined();
      return result.data!.documentStatusChanged;
    });
    expect(states.every((state) => state.id === document.id)).toBe(true);
    const progress = states.map((state) => state.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBeGreaterThanOrEqual(3);
    expect(states.at(-1)).toMatchObject({ status: 'READY', progress: 1, chunkCount: ready.chunkCount });
    expect(ready.chunkCount).toBeGreaterThanOrEqual(8);
    const rows = await stack.prisma.chunk.count({ where: { documentId: document.id } });
    expect(ready.chunkCount).toBe(rows);
    updates.dispose();
  }, 60_000);

  it("answers NOT_FOUND to a customer subscribing to an INTERNAL document's status, as for an unknown id", async () => {
    const document = await ingest(stack, { title: `Staff notes ${faker.string.alphanumeric(8)}`, content: faker.lorem.paragraphs(2), visibility: 'INTERNAL' });
    const customer = await client(await bearer('CUSTOMER'));
    for (const id of [document.id, faker.string.uuid()]) {
      const updates = record<DocumentStatus>(customer, contractOperation('DocumentStatus'), { id });
      await updates.until(1);
      expect(updates.results[0]?.data ?? null).toBeNull();
      expect(updates.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      updates.dispose();
    }
    await settled(stack, document.id);
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
