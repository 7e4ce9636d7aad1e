import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_IP_HEADER, SIGNATURE_HEADER, type InternalSigner } from '@bodega/auth';
import { ErrorCode, serviceUnavailable } from '@bodega/errors';
import { REQUEST_ID_HEADER } from '@bodega/logger';
import type { GatewayContext } from './context';
import { failedEntityFetch } from './entity-fetch-errors';
import type { SubgraphFetcher } from './subgraph-fetcher';

type Response = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

type FetchRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[1];
type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];
type GraphQLRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[4];

/**
 * Calls one subgraph. Forwards the request id, so one id follows a request through
 * every subgraph's logs, the caller's access token and address, signs all of it (subgraphs answer
 * only signed requests and believe the address only because it is signed), and turns "could not
 * reach it" into SERVICE_UNAVAILABLE naming the service instead of a masked internal error.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    fetcher: SubgraphFetcher,
    signer: InternalSigner,
  ) {
    const { pathname, search } = new URL(url);
    const signed: SubgraphFetcher['fetch'] = (target, init = {}) => {
      const headers = { ...init.headers };
      headers[SIGNATURE_HEADER] = signer.sign({
        kind: 'http',
        method: init.method ?? 'GET',
        target: pathname + search,
        authorization: headers.authorization,
        clientIp: headers[CLIENT_IP_HEADER],
        body: init.body,
      });
      return fetcher.fetch(target, { ...init, headers });
    };
    super({ url, fetcher: signed as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !('requestId' in context)) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.clientIp) headers.set(CLIENT_IP_HEADER, context.clientIp);
  }

  /**
   * An entity fetch that fails (the accounts service down while placeOrder adds `customer { email }`)
   * becomes a field error on each entity it was to complete, as if the subgraph had answered one:
   * those fields are null (their nullable parents, where they are non-null) and the rest of the
   * answer stands. Thrown, it would be an error without a path, and the gateway would answer
   * `data: null` for a mutation that had already committed.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<Response> {
    try {
      return await super.process(options);
    } catch (error) {
      const representations = options.request.variables?.representations;
      if (!Array.isArray(representations)) throw error;
      const unavailable = (error as { extensions?: { code?: unknown } }).extensions?.code === ErrorCode.ServiceUnavailable;
      if (!unavailable && 'log' in options.context) options.context.log.error({ err: error, service: this.serviceName }, 'entity fetch failed');
      const query = { document: 'document' in options ? options.document : undefined, text: options.request.query };
      return failedEntityFetch(this.serviceName, unavailable, query, representations) as Response;
    }
  }

  override didEncounterError(error: Error, _request: FetchRequest, response?: FetchResponse, _context?: unknown, request?: GraphQLRequest): void {
    if (response && response.status !== 503) throw error;
    // Refused, or a 503 from a subgraph that is shutting down: the request never ran there. A reset
    // or a timeout after sending a mutation leaves it unknown whether it ran, and saying "try
    // again" could make a customer order twice.
    const neverRan = response !== undefined || (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    const mutation = /^\s*mutation\b/.test(request?.query ?? '');
    const unavailable =
      neverRan || !mutation
        ? serviceUnavailable(`The ${this.serviceName} service cannot be reached right now; try again shortly.`)
        : serviceUnavailable(
            `The ${this.serviceName} service stopped answering, so whether this change was made is unknown; check before repeating it (placeOrder with the same idempotencyKey is safe to repeat).`,
          );
    unavailable.extensions.serviceName = this.serviceName;
    if (!neverRan && mutation) unavailable.extensions.outcomeUnknown = true;
    throw unavailable;
  }
}
