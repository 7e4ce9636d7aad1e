import autocannon from 'autocannon';
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from '@bodega/auth';
import { benchGatewaySigner } from '../lib/auth';
import { latencyOf, type LatencyMs } from '../lib/latency';
import { cpuMs, machineTimes } from '../lib/machine';
import type { StatsReply } from '../lib/messages';
import { looksLikeCleanPage, problemsWithPage, productsRequestBody } from './products-operation';

export interface LoadOptions {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds right before. */
  warmup: number;
}

export interface LoadResult {
  /** Mean requests per second over the measured seconds. */
  requestsPerSecond: number;
  latencyMs: LatencyMs;
  /** Responses counted during the measured seconds. */
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** 2xx responses whose body had GraphQL errors or was not a page of products. */
  graphqlErrors: number;
  non2xx: number;
  durationSeconds: number;
  /** Where the CPU went during the measured seconds. */
  cpu: CpuShare;
}

export interface CpuShare {
  /** Server process CPU (gateway and subgraph share it) per response: the cost of one request, whatever else runs. */
  serverMsPerRequest: number;
  /** Server process CPU, in % of one core. */
  serverPercent: number;
  /** Share of wall time the server process's event loop was busy; near 1, its one thread is the bottleneck. */
  serverEventLoopUtilization: number;
  /** This load generator's CPU, in % of one core. */
  loadGeneratorPercent: number;
  /** Every core on the machine (Postgres and anything else running included), in % of one core; the machine has `cores` × 100. */
  machineBusyPercent: number;
}

/** How the bench reads the server process's CPU usage (BenchChild.stats). */
export type UsageProbe = () => Promise<Pick<StatsReply, 'cpu' | 'eventLoop'>>;

/**
 * Signed as the gateway signs its calls, so the `direct` scenario reaches the products subgraph
 * (which answers nothing else); the gateways ignore the header. Made afresh for each run, which
 * must be shorter than the signature's tolerance.
 */
function headers(durationSeconds = 0): Record<string, string> {
  if (durationSeconds >= SIGNATURE_TOLERANCE_SECONDS) throw new Error(`Runs of ${SIGNATURE_TOLERANCE_SECONDS} s or more outlive the direct scenario's signature.`);
  const signature = benchGatewaySigner.sign({ kind: 'http', method: 'POST', target: '/graphql', body: productsRequestBody() });
  return { 'content-type': 'application/json', accept: 'application/json', [SIGNATURE_HEADER]: signature };
}

/**
 * Sends the request once and checks the whole answer before any load: a scenario that
 * answers wrongly fails the run instead of producing a fast, meaningless number.
 * Returns the `data` so scenarios can be compared with each other.
 */
export async function verifyTarget(url: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: headers(), body: productsRequestBody() });
  const text = await response.text();
  const problems: string[] = [];
  if (response.status !== 200) problems.push(`HTTP ${response.status}`);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
    problems.push(...problemsWithPage(payload));
  } catch {
    problems.push('the body is not JSON');
  }
  if (problems.length === 0 && !looksLikeCleanPage(text)) problems.push('the under-load body check would reject this answer');
  if (problems.length) throw new Error(`${url} answered the Products query wrongly: ${problems.join('; ')}\n${text.slice(0, 500)}`);
  return (payload as { data: unknown }).data;
}

/** Load whose results are dropped: JIT warm-up. */
export async function prime(url: string, connections: number, seconds: number): Promise<void> {
  if (seconds > 0) await fire(url, connections, seconds);
}

/** Warms the target up (results dropped), then measures it. */
export async function measure(url: string, options: LoadOptions, probe: UsageProbe): Promise<LoadResult> {
  await prime(url, options.connections, options.warmup);
  const before = { server: await probe(), self: process.cpuUsage(), machine: machineTimes(), at: performance.now() };
  const result = await fire(url, options.connections, options.duration);
  const after = { server: await probe(), self: process.cpuUsage(), machine: machineTimes(), at: performance.now() };

  const wallMs = after.at - before.at;
  const serverCpuMs = cpuMs(after.server.cpu) - cpuMs(before.server.cpu);
  const loopActive = after.server.eventLoop.active - before.server.eventLoop.active;
  const loopIdle = after.server.eventLoop.idle - before.server.eventLoop.idle;
  const machineBusyMs = after.machine.busy - before.machine.busy;
  const cpu: CpuShare = {
    serverMsPerRequest: result.requests.total ? serverCpuMs / result.requests.total : 0,
    serverPercent: (100 * serverCpuMs) / wallMs,
    serverEventLoopUtilization: loopActive / (loopActive + loopIdle),
    loadGeneratorPercent: (100 * (cpuMs(after.self) - cpuMs(before.self))) / wallMs,
    machineBusyPercent: (100 * machineBusyMs) / wallMs,
  };
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: latencyOf(result),
    requests: result.requests.total,
    errors: result.errors,
    graphqlErrors: result.mismatches,
    non2xx: result.non2xx,
    durationSeconds: result.duration,
    cpu,
  };
}

function fire(url: string, connections: number, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: headers(durationSeconds),
    body: productsRequestBody(),
    connections,
    duration: durationSeconds,
    timeout: 10,
    verifyBody: (body) => typeof body === 'string' && looksLikeCleanPage(body),
  });
}
