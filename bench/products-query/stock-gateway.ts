import { disableApolloTelemetry } from '@bodega/gateway';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { SIGNATURE_HEADER } from '@bodega/auth';
import { benchGatewaySigner } from '../lib/auth';

export interface StockGateway {
  url: string;
  close(): Promise<void>;
}

/** Apollo's data source, signing each call as Bodega's subgraphs require (they answer nothing else). */
class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(url: string) {
    const { pathname, search } = new URL(url);
    const fetcher = new RemoteGraphQLDataSource({ url }).fetcher;
    super({
      url,
      fetcher: ((target: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
        const signature = benchGatewaySigner.sign({ kind: 'http', method: init.method ?? 'POST', target: pathname + search, body: init.body });
        return fetcher(target, { ...init, headers: { ...init.headers, [SIGNATURE_HEADER]: signature } } as never);
      }) as never,
    });
  }
}

/**
 * The baseline: Apollo's own gateway and HTTP server with default options, the way
 * Apollo's docs start one. The settings are where the products subgraph listens, the signature
 * (Bodega's subgraphs answer only signed requests) and, as for Bodega's, no usage telemetry.
 */
export async function startStockGateway(supergraphSdl: string, productsUrl: string): Promise<StockGateway> {
  disableApolloTelemetry();
  const server = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: () => new SignedDataSource(productsUrl),
    }),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  // The standalone server's drain plugin closes its HTTP server on stop().
  return { url, close: () => server.stop() };
}
