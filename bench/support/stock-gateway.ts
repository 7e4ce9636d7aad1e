import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

export interface StockGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The baseline: Apollo's own gateway and HTTP server with default options, the way
 * Apollo's docs start one. The only setting is where the products subgraph listens.
 */
export async function startStockGateway(supergraphSdl: string, productsUrl: string): Promise<StockGateway> {
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
