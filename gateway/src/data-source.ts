import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_IP_HEADER, SIGNATURE_HEADER, type InternalSigner } from '@bodega/auth';
import { serviceUnavailable } from '@bodega/errors';
import { REQUEST_ID_HEADER } from '@bodega/logger';
import type { GatewayContext } from './context';
import type { SubgraphFetcher } from './subgraph-fetcher';

type FetchRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[1];
type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

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

  override didEncounterError(error: Error, _request: FetchRequest, response?: FetchResponse): void {
    if (!response) {
      const unavailable = serviceUnavailable(`The ${this.serviceName} service cannot be reached right now; try again shortly.`);
      unavailable.extensions.serviceName = this.serviceName;
      throw unavailable;
    }
    throw error;
  }
}
