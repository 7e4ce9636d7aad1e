import { existsSync, readFileSync } from 'node:fs';

/** A refusal as the guard records it (test/egress/guard.cjs). */
export interface EgressViolation {
  kind: string;
  host: string;
  port: number | null;
  pid: number;
  stack: string;
}

export interface EgressGuard {
  guardPath: string;
  watched: boolean;
  violations: EgressViolation[];
  take(since?: number): EgressViolation[];
}

export const guard: EgressGuard = require('./guard.cjs');

/** The guard as a NODE_OPTIONS flag, so a child process carries it too. */
export function guardFlag(): string {
  return `--require ${guard.guardPath}`;
}

/** `nodeOptions` with the guard added (once). */
export function withGuard(nodeOptions: string | undefined): string {
  const current = nodeOptions ?? '';
  return current.includes(guard.guardPath) ? current : `${current} ${guardFlag()}`.trim();
}

export function readReport(path: string | undefined): EgressViolation[] {
  if (!path || !existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EgressViolation);
}

export function describeViolations(violations: EgressViolation[]): string {
  return violations
    .map((v) => `${v.kind} to ${v.host}${v.port === null ? '' : `:${v.port}`} (process ${v.pid})\n${v.stack}`)
    .join('\n\n');
}

/** Throws, naming host, port and stack, when anything tried to leave the machine. */
export function assertNoEgress(violations: EgressViolation[]): void {
  if (violations.length === 0) return;
  throw new Error(`This test opened ${violations.length} connection(s) outside loopback:\n${describeViolations(violations)}`);
}
