/**
 * How bench/subscriptions.ts and bench/stock-contention.ts talk to their server processes
 * (subscription-servers.ts).
 */

export const SUBSCRIPTION_SERVER_ROLES = ['products', 'subgraphs', 'gateway'] as const;
export type SubscriptionServerRole = (typeof SUBSCRIPTION_SERVER_ROLES)[number];

const READY_TYPE = 'bench-subscription-server-ready';

/** The one stdout line a server process prints once it listens; other lines are its logs. */
export interface SubscriptionServerReady {
  type: typeof READY_TYPE;
  role: SubscriptionServerRole;
  /** Its GraphQL endpoint (HTTP; the same path serves graphql-ws); for `subgraphs`, the products subgraph's. */
  url: string;
  /** The `subgraphs` role: each subgraph's GraphQL endpoint, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  pid: number;
}

/** Over the IPC channel: the parent asks, the server process answers with a `StatsReply`. */
export interface StatsRequest {
  type: 'stats';
  id: number;
  /** Run a full garbage collection first (the process runs with --expose-gc). */
  gc?: boolean;
}

export interface StatsReply {
  type: 'stats';
  id: number;
  /** process.cpuUsage(), cumulative, in microseconds. */
  cpu: { user: number; system: number };
  /** performance.eventLoopUtilization(), cumulative, in milliseconds. */
  eventLoop: { idle: number; active: number };
  /** process.memoryUsage(), in bytes. */
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  /** The gateway's subscription hub: distinct upstream subscriptions and client subscriptions. Absent in the subgraph. */
  hub?: { shared: number; subscribers: number };
}

export function readyLine(message: Omit<SubscriptionServerReady, 'type'>): string {
  const ready: SubscriptionServerReady = { type: READY_TYPE, ...message };
  return `${JSON.stringify(ready)}\n`;
}

/** The ready message, or undefined for any other line (pino's JSON logs included). */
export function parseReadyLine(line: string): SubscriptionServerReady | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.type !== READY_TYPE || typeof value.url !== 'string' || typeof value.pid !== 'number') return undefined;
  const role = SUBSCRIPTION_SERVER_ROLES.find((name) => name === value.role);
  if (!role) return undefined;
  const subgraphUrls = isRecord(value.subgraphUrls) ? stringsOnly(value.subgraphUrls) : undefined;
  return { type: READY_TYPE, role, url: value.url, pid: value.pid, ...(subgraphUrls ? { subgraphUrls } : {}) };
}

/** Over the IPC channel: write a heap snapshot of the server process into `dir`; the reply names the file. */
export interface HeapSnapshotRequest {
  type: 'heap-snapshot';
  id: number;
  dir: string;
  /** Becomes part of the file name. */
  tag: string;
}

export interface HeapSnapshotReply {
  type: 'heap-snapshot';
  id: number;
  file: string;
}

export function isHeapSnapshotRequest(message: unknown): message is HeapSnapshotRequest {
  return (
    isRecord(message) &&
    message.type === 'heap-snapshot' &&
    typeof message.id === 'number' &&
    typeof message.dir === 'string' &&
    typeof message.tag === 'string'
  );
}

export function isHeapSnapshotReply(message: unknown): message is HeapSnapshotReply {
  return isRecord(message) && message.type === 'heap-snapshot' && typeof message.file === 'string';
}

export function isStatsRequest(message: unknown): message is StatsRequest {
  return isRecord(message) && message.type === 'stats' && typeof message.id === 'number';
}

export function isStatsReply(message: unknown): message is StatsReply {
  return isRecord(message) && message.type === 'stats' && isRecord(message.cpu) && isRecord(message.memory);
}

function stringsOnly(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
