import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '@bodega/logger';
import { errorPolicy, createGraphQLHandler, createHttpServer, listen, sendJson, type RunningServer } from '@bodega/server-kit';
import { armor } from './armor';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './data-source';
import { createReadiness } from './ready';
import { SUPERGRAPH_PATH } from './subgraphs';

export interface GatewayOptions {
  port: number;
  host?: string;
  log: Logger;
  production: boolean;
  /** Subgraph name → URL; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  databaseUrl?: string;
  redisUrl?: string;
  /** Default: gateway/supergraph.graphql. */
  supergraphSdl?: string;
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const { log } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? ''),
    logger: log,
  });
  const protection = armor();
  const errors = errorPolicy(log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !options.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: errors.formatError,
    logger: log,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    allowBatchedHttpRequests: false,
    plugins: [errors.plugin, ...protection.plugins, ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();

  const readiness = createReadiness({
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    subgraphUrls: options.subgraphUrls,
  });
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log,
      context: async ({ requestId, log: requestLog }) => ({ requestId, log: requestLog }),
      routes: {
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
        '/ready': readiness.route,
      },
    }),
  );
  const running = await listen(server, options.port, options.host);
  log.info({ url: running.url, production: options.production }, 'gateway listening');
  return {
    ...running,
    close: async () => {
      await running.close();
      await apollo.stop();
      await readiness.close();
    },
  };
}
