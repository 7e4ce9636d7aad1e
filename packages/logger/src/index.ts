import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fields that must never reach a log line, wherever they appear. */
const REDACTED = [
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
];

export interface LoggerOptions {
  /** pino-pretty lines for people instead of JSON lines for machines. Default: false. */
  pretty?: boolean;
}

/** JSON lines, or pretty ones for a person at a terminal; the process's configuration decides (LOG_FORMAT). */
export function createLogger(service: string, level = 'info', options: LoggerOptions = {}): Logger {
  const { pretty = false } = options;
  return pino({
    level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    base: { service },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss.l' } } } : {}),
  });
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane, otherwise makes a new one. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}
