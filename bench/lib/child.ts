import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { withGuard } from '@bodega/testing/egress';
import { parseReadyLine, parseReply, type ChildRequest, type ReadyMessage, type ReplyTo, type StatsReply } from './messages';

/** A request without the id the child process API gives it. */
type Unsent = ChildRequest extends infer R ? (R extends ChildRequest ? Omit<R, 'id'> : never) : never;

const READY_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 10_000;

/**
 * The one way a bench starts a server process: a TypeScript entry point that calls
 * `serveBenchChild` (serve.ts), spoken to with the messages of messages.ts.
 */
export interface BenchChildOptions {
  /** A TypeScript entry point, run with `node --import tsx`. */
  entry: string;
  /** Prefixes the child's log lines on our stderr. */
  label: string;
  /** Added to our environment. */
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags, e.g. `--expose-gc`. */
  nodeArgs?: string[];
  /** Runs the child with `--cpu-prof`, writing the profile into this folder on exit. */
  cpuProfDir?: string;
  /** Called when the child exits before stop() was called: the run can no longer be trusted. */
  onUnexpectedExit?(code: number | null, signal: NodeJS.Signals | null): void;
}

export interface BenchChild {
  ready: ReadyMessage;
  pid: number;
  /** Its GraphQL endpoint called `name` in the ready line; throws when it has none. */
  url(name: string): string;
  /**
   * Sends `request` (without its id) over IPC and resolves with the reply to it.
   * Fails after `timeoutMs` (default 5 s) without an answer.
   */
  ask<R extends Unsent>(request: R, timeoutMs?: number): Promise<ReplyTo<R['type']>>;
  /** CPU, event loop and memory, cumulative; `gc` first runs a full collection (with --expose-gc). */
  stats(gc?: boolean): Promise<StatsReply>;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  stop(): Promise<void>;
}

/**
 * Starts a bench entry point in its own Node process, so the load generator and the
 * servers it measures do not share an event loop. Its logs go to our stderr. The child
 * is killed when we exit, however we exit.
 */
export async function startBenchChild(options: BenchChildOptions): Promise<BenchChild> {
  const nodeArgs = ['--import', 'tsx', ...(options.nodeArgs ?? [])];
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);
  const child = spawn(process.execPath, [...nodeArgs, options.entry], {
    // The egress guard rides along: a bench server must not reach outside the machine either.
    env: { ...process.env, NODE_ENV: 'production', ...options.env, NODE_OPTIONS: withGuard(process.env.NODE_OPTIONS) },
    // The IPC channel also ties the child's life to ours: it stops when the channel closes.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    // Its own process group, so Ctrl-C reaches only us and we stop it in order.
    detached: true,
  });
  const output = { forward: true, stopping: false };
  const exited = once(child, 'exit');
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  let lastId = 0;
  const ask = <R extends Unsent>(request: R, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ReplyTo<R['type']>> => {
    const id = ++lastId;
    const reply = new Promise<ReplyTo<R['type']>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`The ${options.label} process did not answer (${request.type}).`));
      }, timeoutMs);
      const onMessage = (message: unknown) => {
        const parsed = parseReply(message);
        if (!parsed || parsed.id !== id || parsed.type !== request.type) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(parsed as ReplyTo<R['type']>);
      };
      child.on('message', onMessage);
    });
    child.send({ ...request, id });
    return reply;
  };

  try {
    const ready = await waitForReady(child, options, output);
    child.once('exit', (code, signal) => {
      if (!output.stopping) options.onUnexpectedExit?.(code, signal);
    });
    return {
      ready,
      pid: child.pid ?? -1,
      url: (name) => {
        const url = ready.urls[name];
        if (!url) throw new Error(`The ${options.label} process has no URL called ${name} (it has ${Object.keys(ready.urls).join(', ')}).`);
        return url;
      },
      ask,
      stats: (gc) => ask({ type: 'stats', ...(gc ? { gc } : {}) }),
      stop: async () => {
        output.stopping = true;
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

/**
 * The server processes of one run. Ctrl-C, or one of them dying mid-run (the run can no longer
 * be trusted), stops them all and exits 1; stopAll() stops them in reverse order at the end.
 */
export class BenchChildren {
  private readonly children: BenchChild[] = [];
  private readonly interrupted = () => this.abort('Interrupted.');

  /** `onAbort` runs first when the run is cut short, e.g. to drop the load generator's own sockets. */
  constructor(private readonly onAbort: () => void = () => {}) {
    process.once('SIGINT', this.interrupted);
  }

  async start(options: Omit<BenchChildOptions, 'onUnexpectedExit'>): Promise<BenchChild> {
    const child = await startBenchChild({
      ...options,
      onUnexpectedExit: (code, signal) => this.abort(`The ${options.label} process died during the run (code ${code}, signal ${signal}).`),
    });
    this.children.push(child);
    return child;
  }

  async stopAll(): Promise<void> {
    process.off('SIGINT', this.interrupted);
    for (const child of [...this.children].reverse()) await child.stop();
  }

  private abort(why: string): void {
    process.stderr.write(`${why}\n`);
    this.onAbort();
    void Promise.allSettled(this.children.map((child) => child.stop())).finally(() => process.exit(1));
  }
}

function waitForReady(child: ChildProcess, options: Pick<BenchChildOptions, 'label'>, output: { forward: boolean }): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error(`The ${options.label} process has no stdout.`));
    const lines = createInterface({ input: child.stdout });
    let ready = false;
    const timer = setTimeout(() => {
      reject(new Error(`The ${options.label} process did not report ready within ${READY_TIMEOUT_MS / 1000} s.`));
    }, READY_TIMEOUT_MS);
    lines.on('line', (line) => {
      const message = ready ? undefined : parseReadyLine(line);
      if (message) {
        ready = true;
        clearTimeout(timer);
        resolve(message);
      } else if (output.forward) {
        process.stderr.write(`[${options.label}] ${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The ${options.label} process exited before it was ready (code ${code}, signal ${signal}).`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
