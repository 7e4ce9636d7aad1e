import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordingServer } from './recording-server';

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  /** Without the /v1 prefix: "/chat/completions", "/embeddings". */
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  /** performance.now() when it arrived. */
  at: number;
  /** performance.now() when the answer was sent: `answeredAt - at` is the server's own time. */
  answeredAt?: number;
}

/** What to send back: status, headers, a JSON body, after an optional pause. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Waits this long before answering: longer than the client's timeout, it is a timeout. */
  delayMs?: number;
}

export type Responder = (request: RecordedRequest) => Reply;

/** `url` is the base URL to give the SDK, ending in /v1. */
export interface FakeOpenAi extends RecordingServer<RecordedRequest> {
  /** Chat requests only. */
  chatRequests(): RecordedRequest[];
  /** Answers the next requests, one each, in order; after them `fallback` answers. */
  enqueue(...responders: Responder[]): void;
  /** What answers when the queue is empty. Default: `replies.goodEnrichment()`. */
  setFallback(responder: Responder): void;
  /** Empties the queue and the recorded requests, and restores the default fallback. */
  reset(): void;
}

/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 and a free port, for the real `openai` SDK to
 * talk to: POST /v1/chat/completions and /v1/embeddings. Scripted per request, and by default it
 * answers an enrichment request well (the first category offered and a plain description).
 */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const queue: Responder[] = [];
  let fallback: Responder = replies.goodEnrichment();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown = undefined;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').replace(/^\/v1/, ''),
        headers: req.headers,
        body,
        at: performance.now(),
      };
      requests.push(recorded);
      const known = recorded.path === '/chat/completions' || recorded.path === '/embeddings';
      const reply = known
        ? (queue.shift() ?? fallback)(recorded)
        : replies.status(404, { message: `No route ${recorded.path}` })(recorded);
      const send = () => {
        recorded.answeredAt = performance.now();
        respond(res, reply);
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, reply.delayMs);
        timers.add(timer);
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.path === '/chat/completions'),
    enqueue: (...responders) => queue.push(...responders),
    setFallback: (responder) => {
      fallback = responder;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      fallback = replies.goodEnrichment();
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function respond(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

let completionCount = 0;

/** A chat completion whose message content is `content` (sent as is: pass a string to send non-JSON). */
export function chatCompletion(model: string, content: string, finishReason = 'stop') {
  completionCount += 1;
  return {
    id: `chatcmpl-fake-${completionCount}`,
    object: 'chat.completion',
    created: 1_763_812_800,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
  };
}

/** The product name from an enrichment prompt ("Product name: ..."). */
export function productNameOf(request: RecordedRequest): string {
  const prompt: string = request.body?.messages?.find((m: { role: string }) => m.role === 'user')?.content ?? '';
  return /^Product name: (.*)$/m.exec(prompt)?.[1] ?? '';
}

/** The JSON Schema the client sent as response_format. */
export function schemaOf(request: RecordedRequest): any {
  return request.body?.response_format?.json_schema?.schema;
}

/** The category ids the client offered (the categoryId enum), without null. */
export function offeredCategoryIds(request: RecordedRequest): string[] {
  return (schemaOf(request)?.properties?.categoryId?.enum ?? []).filter((id: unknown) => id !== null);
}

export const replies = {
  /** A chat completion answering `answer` as JSON. */
  answer:
    (answer: unknown): Responder =>
    (request) => ({ status: 200, body: chatCompletion(request.body?.model ?? 'fake', JSON.stringify(answer)) }),
  /** A chat completion whose content is this text, as is. */
  content:
    (content: string, finishReason = 'stop'): Responder =>
    (request) => ({ status: 200, body: chatCompletion(request.body?.model ?? 'fake', content, finishReason) }),
  /** What a good model answers: every field asked for, the first category offered. */
  goodEnrichment:
    (description = (name: string) => `${name}: a fake model's description.`): Responder =>
    (request) => {
      const properties = schemaOf(request)?.properties ?? {};
      const answer: Record<string, unknown> = {};
      if (properties.description) answer.description = description(productNameOf(request));
      if (properties.categoryId) answer.categoryId = offeredCategoryIds(request)[0] ?? null;
      return replies.answer(answer)(request);
    },
  /** An error status with OpenAI's error body. */
  status:
    (status: number, error: { message?: string; type?: string } = {}, headers: Record<string, string> = {}): Responder =>
    () => ({
      status,
      headers,
      body: { error: { message: error.message ?? `fake error ${status}`, type: error.type ?? 'server_error', param: null, code: null } },
    }),
  /** Embeddings of `dimensions` numbers per input, listed in reverse order (clients must sort by index). */
  embeddings:
    (dimensions = 4): Responder =>
    (request) => {
      const inputs: string[] = Array.isArray(request.body?.input) ? request.body.input : [request.body?.input];
      const data = inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: Array.from({ length: dimensions }, (_, i) => (text.length + i) / 100),
      }));
      return { status: 200, body: { object: 'list', data: data.reverse(), model: request.body?.model, usage: { prompt_tokens: 1, total_tokens: 1 } } };
    },
  /** `responder`'s reply, sent after `ms`. */
  delayed:
    (ms: number, responder: Responder = replies.goodEnrichment()): Responder =>
    (request) => ({ ...responder(request), delayMs: ms }),
};
