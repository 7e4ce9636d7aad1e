import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isUsageReply, parseReadyLine, type ReadyMessage, type UsageReply, type UsageRequest } from './protocol';

const SERVERS_ENTRY = join(__dirname, 'servers.ts');
const READY_TIMEOUT_MS = 60_000;
const USAGE_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 10_000;

export interface ServerProcessOptions {
  databaseUrl: string;
  /** Runs the server process with `--cpu-prof`, writing the profile into this folder on exit. */
  cpuProfDir?: string;
}

export type ServerUsage = Pick<UsageReply, 'cpu' | 'eventLoop'>;

export interface ServerProcess {
  urls: ReadyMessage['urls'];
  pid: number;
  /** The server process's cumulative CPU time and event-loop busy time. */
  usage(): Promise<ServerUsage>;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  stop(): Promise<void>;
}

/**
 * Starts bench/support/servers.ts in its own Node process, so the load generator and
 * the servers it measures do not share an event loop. Its logs go to our stderr.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const nodeArgs = ['--import', 'tsx'];
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);
  const child = spawn(process.execPath, [...nodeArgs, SERVERS_ENTRY], {
    env: { ...process.env, NODE_ENV: 'production', BENCH_DATABASE_URL: options.databaseUrl },
    // The IPC channel also ties the child's life to ours: it stops when the channel closes.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    // Its own process group, so Ctrl-C reaches only us and we stop it in order.
    detached: true,
  });
  const output = { forward: true };
  const exited = once(child, 'exit');
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  let nextId = 0;
  const usage = async (): Promise<ServerUsage> => {
    const id = ++nextId;
    const request: UsageRequest = { type: 'usage', id };
    const reply = new Promise<ServerUsage>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error('The bench server process did not report its CPU usage.'));
      }, USAGE_TIMEOUT_MS);
      const onMessage = (message: unknown) => {
        if (!isUsageReply(message) || message.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({ cpu: message.cpu, eventLoop: message.eventLoop });
      };
      child.on('message', onMessage);
    });
    child.send(request);
    return reply;
  };

  try {
    const ready = await waitForReady(child, output);
    return {
      urls: ready.urls,
      pid: ready.pid,
      usage,
      stop: async () => {
        process.off('exit', stopOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        // Requests cut short by the shutdown make the servers log errors that mean nothing.
        output.forward = false;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    process.off('exit', stopOnExit);
    child.kill('SIGKILL');
    throw error;
  }
}

function waitForReady(child: ChildProcess, output: { forward: boolean }): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('The bench server process has no stdout.'));
    const lines = createInterface({ input: child.stdout });
    let ready = false;
    const timer = setTimeout(() => {
      reject(new Error(`The bench server process did not report ready within ${READY_TIMEOUT_MS / 1000} s.`));
    }, READY_TIMEOUT_MS);
    lines.on('line', (line) => {
      const message = ready ? undefined : parseReadyLine(line);
      if (message) {
        ready = true;
        clearTimeout(timer);
        resolve(message);
      } else if (output.forward) {
        process.stderr.write(`[servers] ${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The bench server process exited before it was ready (code ${code}, signal ${signal}).`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
