import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER } from '@bodega/auth';
import { testInternal } from '@bodega/testing/auth';

export interface StandInAnswer {
  text: string;
  grounded: boolean;
  citations: Array<{ quote: string; document: { id: string; title: string } }>;
}

export interface AskedQuestion {
  question: string;
  /** Who signed the request (`chat`), or null when the signature did not verify. */
  caller: string | null;
  query: string;
}

/**
 * A stand-in for the rag subgraph's `answer(question)` over HTTP GraphQL, speaking its answer shape
 * (`{ text grounded citations { quote document { id title } } }`) until the rag subgraph is served
 * in this branch. It checks the internal signature as every Bodega subgraph does (403 unsigned).
 */
export interface RagStandIn {
  url: string;
  asked: AskedQuestion[];
  /** What the next questions get: an answer, or an HTTP status to fail with. */
  answerWith(reply: StandInAnswer | { status: number }): void;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startRagStandIn(): Promise<RagStandIn> {
  const asked: AskedQuestion[] = [];
  let reply: StandInAnswer | { status: number } = { text: 'I do not know.', grounded: false, citations: [] };
  const server: Server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const caller = testInternal.verify(request.headers[SIGNATURE_HEADER] as string | undefined, {
        kind: 'http',
        method: request.method ?? 'POST',
        target: request.url ?? '/',
        body,
      });
      const { query, variables } = JSON.parse(body) as { query: string; variables: { question: string } };
      asked.push({ question: variables.question, caller: caller?.name ?? null, query });
      if (!caller) {
        response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'unsigned', extensions: { code: 'FORBIDDEN' } }] }));
        return;
      }
      if ('status' in reply) {
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'down' }] }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { answer: reply } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    asked,
    answerWith: (next) => {
      reply = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
