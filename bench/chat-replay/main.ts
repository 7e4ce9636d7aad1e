/**
 * Replay time of the chat event log: writes a log of 100,000 events (2,000 conversations of 50
 * events each: a start, messages from both sides, internal notes, read marks, status changes and
 * assignments, in the shapes the chat subgraph appends), then times `rebuildProjections` (what
 * `npm run chat:rebuild` runs): drop the projections and replay every event into them.
 *
 *   npx tsx bench/chat-replay/main.ts [--events 100000] [--per-conversation 50] [--rounds 3]
 *
 * BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/bodega_bench_chat) is dropped and recreated.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { rebuildProjections } from '@bodega/chat';
import { createPrismaClient, type Prisma } from '@bodega/db';
import { createLogger } from '@bodega/logger';
import { prepareChatDatabase } from '../lib/chat-setup';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { events: { type: 'string', default: '100000' }, 'per-conversation': { type: 'string', default: '50' }, rounds: { type: 'string', default: '3' } },
});
const EVENTS = Number(values.events);
const PER_CONVERSATION = Number(values['per-conversation']);
const ROUNDS = Number(values.rounds);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/bodega_bench_chat';

const message = (role: string, authorId: string | null, body: string, internal = false) => ({
  id: randomUUID(),
  role,
  authorId,
  body,
  internal,
  clientMessageId: null,
  citations: [],
});

/** One conversation's events, as the subgraph would have appended them. */
function conversationLog(conversationId: string, count: number, start: Date): Prisma.ChatEventCreateManyInput[] {
  const customerId = randomUUID();
  const agentId = randomUUID();
  const rows: Prisma.ChatEventCreateManyInput[] = [];
  const add = (actorId: string | null, payload: Record<string, unknown>) =>
    rows.push({ conversationId, version: rows.length + 1, type: payload.type as string, actorId, payload: payload as Prisma.InputJsonValue, occurredAt: new Date(start.getTime() + rows.length * 1000) });
  add(customerId, { type: 'CONVERSATION_STARTED', customerId, subject: 'Where is my order?', orderId: null });
  add(customerId, { type: 'MESSAGE_ADDED', message: message('CUSTOMER', customerId, 'Hello, my parcel has not arrived.') });
  add(null, { type: 'ASSIGNED', assigneeId: agentId, message: message('SYSTEM', null, 'An agent was assigned to the conversation.') });
  while (rows.length < count) {
    const n = rows.length;
    if (n % 10 === 0) add(agentId, { type: 'MESSAGE_ADDED', message: message('AGENT', agentId, 'Checking with the courier.', true) });
    else if (n % 7 === 0) add(customerId, { type: 'READ', userId: customerId, role: 'CUSTOMER', upTo: n });
    else if (n % 13 === 0) add(agentId, { type: 'STATUS_CHANGED', from: 'OPEN', to: 'PENDING', message: message('SYSTEM', null, 'The conversation is waiting for the customer.') });
    else if (n % 13 === 1) add(customerId, { type: 'STATUS_CHANGED', from: 'PENDING', to: 'OPEN', message: message('SYSTEM', null, 'The conversation was reopened.') });
    else add(n % 2 ? customerId : agentId, { type: 'MESSAGE_ADDED', message: message(n % 2 ? 'CUSTOMER' : 'AGENT', n % 2 ? customerId : agentId, `Message number ${n} of this conversation.`) });
  }
  return rows;
}

async function main(): Promise<void> {
  const log = createLogger('bench', 'warn');
  process.stderr.write(`Preparing ${DATABASE_URL}…\n`);
  await prepareChatDatabase(DATABASE_URL, log);
  const prisma = createPrismaClient(DATABASE_URL, { maxConnections: 2 });
  try {
    const conversations = Math.ceil(EVENTS / PER_CONVERSATION);
    const start = new Date('2026-11-01T00:00:00Z');
    let written = 0;
    for (let c = 0; c < conversations; c += 100) {
      const batch = Array.from({ length: Math.min(100, conversations - c) }, () => conversationLog(randomUUID(), Math.min(PER_CONVERSATION, EVENTS - written), start)).flat();
      written += batch.length;
      await prisma.chatEvent.createMany({ data: batch });
    }
    process.stderr.write(`Wrote ${written} events in ${conversations} conversations. Replaying ${ROUNDS}×…\n`);
    const runs = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const report = await rebuildProjections(prisma);
      runs.push(report);
      process.stderr.write(`  round ${round + 1}: ${(report.durationMs / 1000).toFixed(2)} s (${report.messages} messages, ${report.participants} participants)\n`);
    }
    const times = runs.map((run) => run.durationMs).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    process.stdout.write(
      [
        '| events | conversations | messages | rounds | replay, median | fastest | slowest | events/s (median) | goal |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${written.toLocaleString('en')} | ${conversations.toLocaleString('en')} | ${runs[0]!.messages.toLocaleString('en')} | ${ROUNDS} | ${(median / 1000).toFixed(2)} s | ${(times[0]! / 1000).toFixed(2)} s | ${(times.at(-1)! / 1000).toFixed(2)} s | ${Math.round(written / (median / 1000)).toLocaleString('en')} | ≤ 30 s: ${median <= 30_000 ? 'met' : 'missed'} |`,
      ].join('\n') + '\n',
    );
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
