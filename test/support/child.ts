// A Bodega entry point (scripts/start.ts, a main.ts) as its own Node process, as a user runs it:
// JSON log lines read back, signals sent for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { guardFlag } from '../egress/report';

const ROOT = join(__dirname, '..', '..');

export interface ChildProcessUnderTest {
  child: ChildProcess;
  /** Every JSON log line so far. */
  lines: Array<Record<string, unknown>>;
  /** The first log line that `ready` accepted. */
  readyLine: Record<string, unknown>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs `entry` (relative to the repository) with `node --import tsx`, the test's environment
 * with only the egress guard in NODE_OPTIONS, plus `env` (a key set to undefined is removed), and resolves once a
 * log line passes `ready`. Fails if it exits first or takes over `timeoutMs`.
 */
export function startChild(
  entry: string,
  env: Record<string, string | undefined>,
  ready: (line: Record<string, unknown>) => boolean,
  timeoutMs = 60_000,
): Promise<ChildProcessUnderTest> {
  // Not jest's NODE_OPTIONS, but the egress guard: nothing a Bodega process does may leave the machine.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_FORMAT: 'json', NODE_OPTIONS: guardFlag() };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} not up within ${timeoutMs} ms:\n${JSON.stringify(lines, null, 1)}\n${stderr.join('')}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}: ${JSON.stringify(lines)}\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return; // not a log line (a tool printing to stdout)
      }
      lines.push(line);
      if (ready(line)) {
        clearTimeout(timer);
        resolve({ child, lines, readyLine: line, exited });
      }
    });
  });
}
