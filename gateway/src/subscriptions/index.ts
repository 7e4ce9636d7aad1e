import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { AccessTokenVerifier, InternalSigner } from '@bodega/auth';
import type { Logger } from '@bodega/logger';
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { GatewayContext } from '../context';
import { SubgraphDataSource } from '../data-source';
import { SubscriptionHub } from './hub';
import { SubscriptionPlanner } from './planner';
import type { SubscriptionCaps } from './allowance';
import type { BackpressureLimits } from './subscriber-queue';
import { UpstreamConnections } from './upstream';
import { serveGatewayWebSocket } from './websocket';
import type { SubgraphFetcher } from '../subgraph-fetcher';

export { BodegaCloseCode, type BackpressureLimits } from './subscriber-queue';
export { DEFAULT_SUBSCRIPTION_CAPS, TOO_MANY_SUBSCRIPTIONS, type SubscriptionCaps } from './allowance';

/** Per socket and per user: how many subscriptions may be open, and how far behind a reader may fall. */
export type SubscriptionLimits = BackpressureLimits & SubscriptionCaps;
export type { SubscriptionHub } from './hub';

export interface SubscriptionOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  log: Logger;
  production: boolean;
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  tokens: AccessTokenVerifier;
  /** Signs the upstream connections and entity fetches to subgraphs. */
  signer: InternalSigner;
  limits?: SubscriptionLimits;
  /** Calls subgraphs for the entity fetches after an event. */
  fetcher: SubgraphFetcher;
}

/** Federated subscriptions: graphql-ws on the gateway, primary fetches over graphql-ws to subgraphs. */
export function startSubscriptions(options: SubscriptionOptions) {
  const planner = new SubscriptionPlanner(options.supergraphSdl);
  const upstream = new UpstreamConnections(options.subgraphUrls, options.log, options.signer);
  const services = Object.fromEntries(
    Object.entries(options.subgraphUrls).map(([name, url]) => [name, new SubgraphDataSource(name, url, options.fetcher, options.signer)]),
  );
  const hub = new SubscriptionHub({ planner, upstream, services, formatError: options.formatError, limits: options.limits });
  const websocket = serveGatewayWebSocket({ ...options, planner, hub });
  return {
    hub,
    /** Closes the clients' sockets with 1001 (terminating those still open after `graceMs`), then the upstream ones. */
    close: async (graceMs?: number) => {
      await websocket.close(graceMs);
      await upstream.close();
    },
  };
}
