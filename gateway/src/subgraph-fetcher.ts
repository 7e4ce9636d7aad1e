import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The part of a fetch Response that Apollo's RemoteGraphQLDataSource reads. */
class SubgraphResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly status: number,
    readonly statusText: string,
    rawHeaders: IncomingHttpHeaders,
    private readonly body: string,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SubgraphFetcher {
  fetch(url: string, init?: FetchInit): Promise<SubgraphResponse>;
  /** Closes the kept-alive connections (on gateway stop). */
  close(): void;
}

/**
 * A minimal fetch for subgraph calls over node:http with kept-alive connections. Apollo's default
 * (make-fetch-happen) and Node's fetch (undici, WHATWG streams) each cost the gateway more CPU per
 * request than the rest of a one-field mutation's plan; see bench/README.md, `stock-contention.ts`.
 * A call that takes longer than `timeoutMs` fails like an unreachable subgraph.
 */
export function createSubgraphFetcher(timeoutMs = 30_000): SubgraphFetcher {
  const agents = { http: new Agent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };
  return {
    fetch: (url, init = {}) =>
      new Promise((resolve, reject) => {
        const secure = url.startsWith('https:');
        const send = secure ? httpsRequest : request;
        const req = send(url, { method: init.method ?? 'GET', headers: init.headers, agent: secure ? agents.https : agents.http }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve(new SubgraphResponse(res.statusCode ?? 0, res.statusMessage ?? '', res.headers, Buffer.concat(chunks).toString('utf8'), url)),
          );
        });
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(init.body);
      }),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
