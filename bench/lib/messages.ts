/**
 * The one protocol between a bench and its server processes (child.ts spawns them, serve.ts
 * answers): a ready line on stdout once everything listens, then requests and replies over the
 * IPC channel. Every message is one member of a discriminated union on `type`, checked with zod
 * on arrival, so a log line or a stray message is never taken for an answer.
 */
import { z } from '@bodega/config';

const READY_TYPE = 'bench-ready';

/** The one stdout line a server process prints once it listens; every other line is its logs. */
export const readyMessage = z.object({
  type: z.literal(READY_TYPE),
  /** What the process runs, e.g. `gateway`, `subgraphs`, `servers`. */
  role: z.string().min(1),
  /** Its GraphQL endpoints by name: a scenario, a service or a subgraph. */
  urls: z.record(z.string(), z.string().url()),
  pid: z.number().int(),
});
export type ReadyMessage = z.infer<typeof readyMessage>;

const cpu = z.object({ user: z.number(), system: z.number() });
const eventLoop = z.object({ idle: z.number(), active: z.number() });
const memory = z.object({ rss: z.number(), heapTotal: z.number(), heapUsed: z.number(), external: z.number(), arrayBuffers: z.number() });

/** What the parent asks. */
export const childRequest = z.discriminatedUnion('type', [
  /** CPU, event loop and memory, cumulative; `gc` runs a full collection first (with --expose-gc). */
  z.object({ type: z.literal('stats'), id: z.number().int(), gc: z.boolean().optional() }),
  /** Writes a heap snapshot into `dir`; `tag` becomes part of the file name. */
  z.object({ type: z.literal('heap-snapshot'), id: z.number().int(), dir: z.string().min(1), tag: z.string() }),
]);
export type ChildRequest = z.infer<typeof childRequest>;

/** What the server process answers, with the request's id. */
export const childReply = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('stats'),
    id: z.number().int(),
    /** process.cpuUsage(), cumulative, in microseconds. */
    cpu,
    /** performance.eventLoopUtilization(), cumulative, in milliseconds. */
    eventLoop,
    /** process.memoryUsage(), in bytes. */
    memory,
    /** A gateway's subscription hub: distinct upstream subscriptions and client subscriptions. */
    hub: z.object({ shared: z.number(), subscribers: z.number() }).optional(),
  }),
  z.object({ type: z.literal('heap-snapshot'), id: z.number().int(), file: z.string() }),
]);
export type ChildReply = z.infer<typeof childReply>;
export type StatsReply = Extract<ChildReply, { type: 'stats' }>;
export type HeapSnapshotReply = Extract<ChildReply, { type: 'heap-snapshot' }>;
/** The reply that answers each request type. */
export type ReplyTo<T extends ChildRequest['type']> = Extract<ChildReply, { type: T }>;

export function readyLine(message: Omit<ReadyMessage, 'type'>): string {
  return `${JSON.stringify({ type: READY_TYPE, ...message } satisfies ReadyMessage)}\n`;
}

/** The ready message, or undefined for any other line (pino's JSON logs included). */
export function parseReadyLine(line: string): ReadyMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = readyMessage.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function parseRequest(message: unknown): ChildRequest | undefined {
  const parsed = childRequest.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}

export function parseReply(message: unknown): ChildReply | undefined {
  const parsed = childReply.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}
