import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { serviceUnavailable } from '@bodega/errors';
import { REQUEST_ID_HEADER } from '@bodega/logger';
import type { GatewayContext } from './context';

type FetchRequest = Parameters<RemoteGraphQLDataSource['didEncounterError']>[1];
type FetchResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

/**
 * Calls one subgraph. Forwards the request id, so one id follows a request through
 * every subgraph's logs, and turns "could not reach it" into SERVICE_UNAVAILABLE
 * naming the service instead of a masked internal error.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly serviceName: string, url: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('requestId' in context && typeof context.requestId === 'string') {
      request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    }
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
