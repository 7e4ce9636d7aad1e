// A real HTTP server standing in for a webhook receiver (n8n): records every request and answers
// as a test scripts it. Nothing is mocked on the sender's side.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until } from './wait';
import type { RecordingServer } from './recording-server';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived (signatures are over these bytes). */
  body: string;
  /** The status it was answered with; undefined while unanswered (or never, for `hang`). */
  status?: number;
  receivedAt: number;
}

/** How the receiver answers one request. */
export type Answer =
  | { status: number; delayMs?: number; headers?: Record<string, string> }
  /** Never answers (until the sender gives up or the receiver closes). */
  | 'hang';

export interface WebhookReceiver extends RecordingServer<ReceivedRequest> {
  /** Requests that were answered 2xx, i.e. deliveries. */
  accepted(): ReceivedRequest[];
  /** Answers the next requests in this order, then goes back to the default answer. */
  answerNext(...answers: Answer[]): void;
  /** The answer once the scripted ones are used up (initially 200). */
  answerByDefault(answer: Answer): void;
  /** The most requests with one delivery id (`x-bodega-delivery`) that were in progress at once. */
  maxConcurrentPerDelivery(): number;
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
}

export async function startWebhookReceiver(path = '/webhook/low-stock'): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const script: Answer[] = [];
  let fallback: Answer = { status: 200 };
  const active = new Map<string, number>();
  let maxConcurrent = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const record: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      requests.push(record);
      const delivery = String(req.headers['x-bodega-delivery'] ?? '');
      active.set(delivery, (active.get(delivery) ?? 0) + 1);
      maxConcurrent = Math.max(maxConcurrent, active.get(delivery)!);
      const done = () => active.set(delivery, (active.get(delivery) ?? 1) - 1);
      res.on('close', done);
      const answer = script.shift() ?? fallback;
      if (answer === 'hang') return;
      const reply = () => {
        record.status = answer.status;
        respond(res, answer.status, answer.headers);
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    accepted: () => requests.filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300),
    answerNext: (...answers) => script.push(...answers),
    answerByDefault: (answer) => {
      fallback = answer;
    },
    maxConcurrentPerDelivery: () => maxConcurrent,
    waitForRequests: async (count, timeoutMs = 10_000) => {
      await until(() => requests.length >= count, () => `${count} webhook requests (got ${requests.length})`, timeoutMs);
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // hanging requests too
      }),
  };
}

function respond(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(status < 300 ? { received: true } : { error: 'scripted failure' }));
}
