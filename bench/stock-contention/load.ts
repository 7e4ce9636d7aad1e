import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { latencyOf, type LatencyMs } from '../lib/latency';

/** One request of the load: its body and the headers it adds (each request may be someone else). */
export interface NextRequest {
  body: string;
  headers: Record<string, string>;
  /** Handed back with this request's answer. */
  tag?: string;
}

export interface ExactLoadOptions {
  url: string;
  connections: number;
  /** Seconds during which new requests are sent; every request sent is then waited for. */
  durationSeconds: number;
  /** Called once for every request sent. */
  nextRequest(): NextRequest;
  /** Called once for every answer, with the tag of the request it answers. */
  onAnswer(status: number, body: string, tag: string | undefined): void;
}

export interface ExactLoadResult {
  sent: number;
  answered: number;
  /** Requests sent that never got an answer (timed out, connection lost): their outcome is unknown. */
  unanswered: number;
  /** From the first request to the last answer. */
  wallSeconds: number;
  /** Answers per second over `wallSeconds`. */
  requestsPerSecond: number;
  latencyMs: LatencyMs;
  /** Connection errors and timeouts, as autocannon counts them. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers by HTTP status. */
  statusCodes: Record<string, number>;
  /** performance.now() at the first request and at the last answer. */
  startedAt: number;
  lastAnswerAt: number;
}

/** The part of autocannon's per-connection client the drain uses (lib/httpClient.js). */
interface DrainableClient {
  reqsMade: number;
  responseMax: number | undefined;
}

/** A request left unanswered this long is a timeout (autocannon's default). */
const TIMEOUT_SECONDS = 10;
/** How long after the last request autocannon may still wait for answers, past the timeout. */
const DRAIN_GRACE_SECONDS = 5;

const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/**
 * autocannon for `durationSeconds`, then every connection waits for its answer in flight
 * before it closes. A timed autocannon run destroys its connections with a request in
 * flight on each, and a mutation whose answer is dropped may still commit; a bench that
 * compares the answers with the database has to see every one. So at the deadline each
 * connection's request limit is set to what it has sent, and it closes after that answer.
 */
export async function runExactLoad(options: ExactLoadOptions): Promise<ExactLoadResult> {
  const clients: DrainableClient[] = [];
  let sent = 0;
  let answered = 0;
  let lastAnswerAt = 0;
  const statusCodes: Record<string, number> = {};
  const startedAt = performance.now();
  const deadline = setTimeout(() => {
    // responseMax 0 would mean "no limit"; every connection has sent at least one request by now.
    for (const client of clients) client.responseMax = Math.max(1, client.reqsMade);
  }, options.durationSeconds * 1000);
  try {
    const result = await autocannon({
      url: options.url,
      method: 'POST',
      headers: HEADERS,
      connections: options.connections,
      duration: options.durationSeconds + TIMEOUT_SECONDS + DRAIN_GRACE_SECONDS,
      timeout: TIMEOUT_SECONDS,
      // autocannon checks whether to stop once per sample; short samples end the run soon after the drain.
      sampleInt: 100,
      setupClient: (client) => void clients.push(client as unknown as DrainableClient),
      requests: [
        {
          // The context lives per connection and carries the tag from a request to its answer (one request in flight per connection).
          setupRequest: (request, context: { tag?: string }) => {
            sent++;
            const next = options.nextRequest();
            context.tag = next.tag;
            return { ...request, body: next.body, headers: { ...HEADERS, ...next.headers } };
          },
          onResponse: (status, body, context: { tag?: string }) => {
            answered++;
            lastAnswerAt = performance.now();
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
            options.onAnswer(status, body, context.tag);
          },
        },
      ],
    });
    const wallSeconds = Math.max(lastAnswerAt - startedAt, 1) / 1000;
    return {
      sent,
      answered,
      unanswered: sent - answered,
      wallSeconds,
      requestsPerSecond: answered / wallSeconds,
      latencyMs: latencyOf(result),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes,
      startedAt,
      lastAnswerAt,
    };
  } finally {
    clearTimeout(deadline);
  }
}
