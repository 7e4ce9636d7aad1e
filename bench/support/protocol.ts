import type { ScenarioName } from './options';

/** The one stdout line the server process prints once everything listens; other lines are its logs. */
export interface ReadyMessage {
  type: 'bench-servers-ready';
  /** GraphQL endpoint of each scenario's server. */
  urls: Record<ScenarioName, string>;
  pid: number;
}

export const READY_TYPE = 'bench-servers-ready';

/** Over the IPC channel: the parent asks, the server process answers with a `UsageReply`. */
export interface UsageRequest {
  type: 'usage';
  id: number;
}

/** Cumulative since the server process started; the parent subtracts two of them. */
export interface UsageReply {
  type: 'usage';
  id: number;
  /** process.cpuUsage(), in microseconds. */
  cpu: { user: number; system: number };
  /** performance.eventLoopUtilization(): milliseconds the loop was idle and busy. */
  eventLoop: { idle: number; active: number };
}

export function readyLine(message: Omit<ReadyMessage, 'type'>): string {
  const ready: ReadyMessage = { type: READY_TYPE, ...message };
  return `${JSON.stringify(ready)}\n`;
}

/** The ready message, or undefined for any other line (pino's JSON logs included). */
export function parseReadyLine(line: string): ReadyMessage | undefined {
  const value = parseObject(line);
  if (!value || value.type !== READY_TYPE || !isRecord(value.urls)) return undefined;
  const { direct, bodega, stock } = value.urls;
  if (typeof direct !== 'string' || typeof bodega !== 'string' || typeof stock !== 'string') return undefined;
  return { type: READY_TYPE, urls: { direct, bodega, stock }, pid: typeof value.pid === 'number' ? value.pid : -1 };
}

export function isUsageRequest(message: unknown): message is UsageRequest {
  return isRecord(message) && message.type === 'usage' && typeof message.id === 'number';
}

export function isUsageReply(message: unknown): message is UsageReply {
  return isRecord(message) && message.type === 'usage' && isRecord(message.cpu) && isRecord(message.eventLoop);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
