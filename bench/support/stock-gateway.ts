import { disableApolloTelemetry } from '@bodega/gateway';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

export interface StockGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The baseline: Apollo's own gateway and HTTP server with default options, the way
 * Apollo's docs start one. The only settings are where the products subgraph listens and, as for
 * Bodega's, no usage telemetry (it probes cloud metadata addresses and reports to Apollo).
 */
export async function startStockGateway(supergraphSdl: string, productsUrl: string): Promise<StockGateway> {
  disableApolloTelemetry();
  const server = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: () => new RemoteGraphQLDataSource({ url: productsUrl }),
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  // The standalone server's drain plugin closes its HTTP server on stop().
  return { url, close: () => server.stop() };
}
