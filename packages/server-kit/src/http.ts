import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { CLIENT_IP_HEADER, SIGNATURE_HEADER, type InternalVerifier, type VerifiedCaller } from '@bodega/auth';
import { ErrorCode } from '@bodega/errors';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@bodega/logger';
import { closeServer, type CloseOptions, type WebSocketCloser } from './drain';

export const GRAPHQL_PATH = '/graphql';
/** Request bodies over this are refused before parsing (413). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpRequestInfo {
  req: IncomingMessage;
  requestId: string;
  log: Logger;
  /** The Authorization header as sent; subgraphs verify it themselves. */
  authorization?: string;
  /** Who signed the request (the gateway or a service), on servers that answer only signed requests. */
  caller?: VerifiedCaller;
}

/** What a subgraph answers a request that is not signed by the gateway or a service. */
export const UNSIGNED_REQUEST_MESSAGE = 'This service answers only the Bodega gateway and services; send your request to the gateway.';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  log: Logger;
  context: (info: HttpRequestInfo) => Promise<TContext>;
  /** Extra plain-HTTP routes such as /health and /ready, by exact path. */
  routes?: Record<string, Route>;
  /** Default: 1 MiB. */
  bodyLimitBytes?: number;
  /**
   * Answer GraphQL only when the request is signed by the gateway or another Bodega service
   * (a subgraph); anything else gets 403 FORBIDDEN. Routes are not covered. Default: none (the gateway).
   */
  internal?: InternalVerifier;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /**
   * Drains, then stops: new requests get 503 (nothing done), /ready 503, requests in flight
   * finish within `graceMs`, websockets close with 1001. See ./drain.ts.
   */
  close(options?: CloseOptions): Promise<void>;
}

class PayloadTooLarge extends Error {}

/** A small node:http integration for Apollo Server with request ids, a body limit and extra routes. */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>) {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const log = options.log.child({ requestId });
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res);
      if (url.pathname !== GRAPHQL_PATH) return sendJson(res, 404, { error: `No route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}.` });

      const raw = req.method === 'POST' ? await readBody(req, limit) : undefined;
      let caller: VerifiedCaller | undefined;
      if (options.internal) {
        caller = options.internal.verify(single(req.headers[SIGNATURE_HEADER]), {
          kind: 'http',
          method: req.method ?? 'GET',
          target: req.url ?? '/',
          authorization: req.headers.authorization,
          clientIp: single(req.headers[CLIENT_IP_HEADER]),
          body: raw,
        }) ?? undefined;
        if (!caller) {
          log.info({ remoteAddress: req.socket.remoteAddress }, 'unsigned request refused');
          return sendGraphQLError(res, 403, UNSIGNED_REQUEST_MESSAGE, ErrorCode.Forbidden);
        }
      }
      const body = raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context({ req, requestId, log, authorization: req.headers.authorization, caller }),
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        return sendGraphQLError(res, 413, `Request body is larger than ${limit} bytes.`, ErrorCode.BadUserInput);
      }
      if (error instanceof SyntaxError) {
        return sendGraphQLError(res, 400, 'Request body is not valid JSON.', ErrorCode.BadUserInput);
      }
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) sendGraphQLError(res, 500, 'Something went wrong on our side.', ErrorCode.Internal);
      else res.destroy();
    }
  };
}

export function listen(server: Server, port: number, host = '127.0.0.1', hooks: { closeWebSockets?: WebSocketCloser } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: actual,
        url: `http://${host}:${actual}${GRAPHQL_PATH}`,
        close: (options) => closeServer(server, { ...options, closeWebSockets: hooks.closeWebSockets }),
      });
    });
  });
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new PayloadTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}

function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string): void {
  if (status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}
