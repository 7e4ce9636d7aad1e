import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { InternalSigner } from '@bodega/auth';
import type { Logger } from '@bodega/logger';
import type { FormattedExecutionResult } from 'graphql';

export interface UpstreamSink {
  next(result: FormattedExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * One graphql-ws connection per subgraph, multiplexing every subscription this gateway
 * forwards to it. When a subgraph goes away the client reconnects with backoff and
 * re-subscribes what is still active.
 */
export class UpstreamConnections {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly httpUrls: Record<string, string>,
    private readonly log: Logger,
    private readonly signer: InternalSigner,
  ) {}

  /** `extensions` carry the caller (authorization, request id): one connection serves many callers. */
  subscribe(
    service: string,
    query: string,
    variables: Record<string, unknown>,
    sink: UpstreamSink,
    extensions: Record<string, unknown> = {},
  ): () => void {
    return this.client(service).subscribe({ query, variables, extensions }, sink);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }

  private client(service: string): Client {
    const existing = this.clients.get(service);
    if (existing) return existing;
    const httpUrl = this.httpUrls[service];
    if (!httpUrl) throw new Error(`No URL for subgraph ${service}.`);
    const url = httpUrl.replace(/^http/, 'ws');
    const { pathname, search } = new URL(httpUrl);
    const client = createClient({
      url,
      // Signed afresh on every (re)connect: subgraphs accept only the gateway's connections.
      connectionParams: () => this.signer.connectionParams(pathname + search),
      webSocketImpl: WebSocket,
      lazy: true,
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** retries) * (0.5 + Math.random() / 2))),
      on: {
        connected: () => this.log.info({ service, url }, 'subscription upstream connected'),
        closed: (event) => this.log.warn({ service, code: (event as { code?: number }).code }, 'subscription upstream closed'),
      },
    });
    this.clients.set(service, client);
    return client;
  }
}
