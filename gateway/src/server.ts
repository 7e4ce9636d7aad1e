import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disableApolloTelemetry } from './no-telemetry';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AccessTokenVerifier, InternalSigner } from '@bodega/auth';
import type { Logger } from '@bodega/logger';
import {
  createGraphQLHandler,
  createHttpServer,
  errorPolicy,
  GRAPHQL_PATH,
  listen,
  requestChecksPlugin,
  sendJson,
  type Route,
  type RunningServer,
  type ServeOptions,
} from '@bodega/server-kit';
import { armor } from './armor';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './data-source';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { createReadiness } from './ready';
import { SUPERGRAPH_PATH } from './subgraphs';
import { startSubscriptions, type SubscriptionHub, type SubscriptionLimits } from './subscriptions';
import { serveWebApp, WEB_APP_DIR } from './web-app';

/** What the gateway is given to run with; it closes none of them. */
export interface GatewayDeps {
  log: Logger;
  /** Verifies access tokens with accounts' public keys and users' standing. */
  tokens: AccessTokenVerifier;
  /** Signs what the gateway sends to subgraphs (SERVICE_SECRET, caller `gateway`). */
  signer: InternalSigner;
}

export interface GatewayOptions extends ServeOptions {
  production: boolean;
  /** Subgraph name → URL; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  databaseUrl?: string;
  redisUrl?: string;
  /** Default: gateway/supergraph.graphql. */
  supergraphSdl?: string;
  /** How many subscriptions a socket and a user may hold, and when a subscriber is cut off for reading too slowly. */
  subscriptionLimits?: SubscriptionLimits;
  /** The built web app served at `/` (false: none). Default: web/dist, when it has been built. */
  webAppDir?: string | false;
}

export interface RunningGateway extends RunningServer {
  subscriptions: SubscriptionHub;
  /** Where the web app is served (`/`), or undefined when it has not been built. */
  webAppUrl?: string;
}

export async function startGateway(deps: GatewayDeps, options: GatewayOptions): Promise<RunningGateway> {
  const { log } = deps;
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const fetcher = createSubgraphFetcher();
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? '', fetcher, deps.signer),
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
    plugins: [
      errors.plugin,
      // No operation to choose, a subscription over HTTP, a NUL in a string: 400 before any subgraph is asked.
      requestChecksPlugin(),
      ...protection.plugins,
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const readiness = createReadiness({
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    subgraphUrls: options.subgraphUrls,
    signer: deps.signer,
  });
  const routes: Record<string, Route> = {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
    '/ready': readiness.route,
  };
  const graphql = createGraphQLHandler({
    apollo,
    log,
    context: async ({ req, requestId, log: requestLog, authorization }) => ({
      requestId,
      log: requestLog,
      identity: await deps.tokens.fromAuthorization(authorization),
      authorization,
      clientIp: req.socket.remoteAddress,
    }),
    routes,
  });
  const webAppDir = options.webAppDir ?? WEB_APP_DIR;
  const server = createHttpServer(webAppDir ? serveWebApp(webAppDir, [GRAPHQL_PATH, ...Object.keys(routes)], graphql) : graphql);
  const subscriptions = startSubscriptions({
    server,
    apollo,
    supergraphSdl,
    subgraphUrls: options.subgraphUrls,
    log,
    production: options.production,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    formatError: errors.formatError,
    tokens: deps.tokens,
    signer: deps.signer,
    limits: options.subscriptionLimits,
    fetcher,
  });
  let closing: Promise<void> | undefined;
  const running = await listen(server, options.port, options.host, { closeWebSockets: (graceMs) => subscriptions.close(graceMs) });
  log.info({ url: running.url, production: options.production }, 'gateway listening');
  return {
    ...running,
    webAppUrl: webAppDir && existsSync(join(webAppDir, 'index.html')) ? new URL('/', running.url).toString() : undefined,
    subscriptions: subscriptions.hub,
    // Requests in flight finish first (they may still need the subgraphs), then the websockets close.
    // Once: a second call (a signal during a test's close) waits for the first.
    close: (closeOptions) =>
      (closing ??= (async () => {
        await running.close(closeOptions);
        await apollo.stop();
        await readiness.close();
        fetcher.close();
      })()),
  };
}
