import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@bodega/logger';
import type { GatewayContext } from './context';

/** Forwards the request id so one id follows a request through every subgraph's logs. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('requestId' in context && typeof context.requestId === 'string') {
      request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    }
  }
}
