import { createHash } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import { internalError, serviceUnavailable } from '@bodega/errors';
import { print, type DocumentNode, type FormattedExecutionResult, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import type WebSocket from 'ws';
import type { GatewayContext } from '../context';
import { EventExecutor } from './event-executor';
import type { SubscriptionPlanner } from './planner';
import { resumesFromCursor } from './resume';
import { SharedSubscription, type SharedSource } from './shared-subscription';
import { backlogOf, QueuedSubscriber, type BackpressureLimits } from './subscriber-queue';
import type { UpstreamConnections } from './upstream';

export interface SubscribeRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  /** Subscriptions share work only within one scope (who may see what). */
  scope: string;
  /** The caller; the first subscriber's token goes with the upstream subscription so the subgraph can authorize it. */
  context: GatewayContext;
  socket: WebSocket;
}

export interface HubDeps {
  planner: SubscriptionPlanner;
  upstream: UpstreamConnections;
  services: ServiceMap;
  formatError: (error: GraphQLFormattedError) => GraphQLFormattedError;
  limits?: BackpressureLimits;
}

/**
 * Where client subscriptions meet subgraph events. Identical subscriptions (document,
 * variables, scope) share one upstream subscription and one resolution per event.
 */
export class SubscriptionHub {
  private readonly shared = new Map<string, SharedSubscription>();
  private unshared = 0;

  constructor(private readonly deps: HubDeps) {}

  subscribe(request: SubscribeRequest): AsyncIterableIterator<FormattedExecutionResult> {
    // A resumed subscription replays its own past first: never joined to another's.
    const key = resumesFromCursor(request.document, request.operationName, request.variables) ? `resume:${(this.unshared += 1)}` : keyOf(request);
    let shared = this.shared.get(key);
    if (!shared) {
      const created = new SharedSubscription(this.source(request), () => {
        if (this.shared.get(key) === created) this.shared.delete(key);
      });
      this.shared.set(key, created);
      shared = created;
    }
    const owner = shared;
    const subscriber = new QueuedSubscriber(backlogOf(request.socket, this.deps.limits), (s) => owner.remove(s));
    owner.add(subscriber);
    return subscriber;
  }

  /** Distinct upstream subscriptions and client subscriptions, for metrics and tests. */
  stats(): { shared: number; subscribers: number } {
    let subscribers = 0;
    for (const shared of this.shared.values()) subscribers += shared.size;
    return { shared: this.shared.size, subscribers };
  }

  private source(request: SubscribeRequest): SharedSource {
    const { planner, upstream, services, formatError } = this.deps;
    const planned = planner.plan(request.document, request.operationName);
    const { primary } = planned;
    const primaryVariables = Object.fromEntries(
      (primary.variableUsages ?? []).filter((name) => name in request.variables).map((name) => [name, request.variables[name]]),
    );
    // Only what entity fetches need: holding the whole context would keep the first subscriber's socket alive.
    const { requestId, identity, authorization, clientIp, log } = request.context;
    const executor = new EventExecutor(planner, planned, services, {
      query: printOnce(request.document),
      operationName: request.operationName ?? undefined,
      variables: request.variables,
      context: { requestId, identity, authorization, clientIp, log },
      log,
    });
    const fromPrimary = (error: GraphQLFormattedError) =>
      formatError({ ...error, extensions: { ...error.extensions, serviceName: primary.serviceName } });

    return {
      open: (sink) =>
        upstream.subscribe(primary.serviceName, primary.operation, primaryVariables, sink, {
          authorization,
          'x-request-id': requestId,
          'x-client-ip': clientIp,
        }),
      resolve: async (event) => {
        try {
          const result = await executor.resolve((event.data ?? {}) as Record<string, unknown>);
          const errors = [
            ...(event.errors ?? []).map(fromPrimary),
            ...(result.errors ?? []).map((error: GraphQLError) => formatError(error.toJSON())),
          ];
          return errors.length ? { data: result.data, errors } : { data: result.data };
        } catch (error) {
          log.error({ err: error }, 'subscription event could not be resolved');
          return { data: null, errors: [formatError(internalError('unexpected').toJSON())] };
        }
      },
      overloaded: () => {
        log.warn({ service: primary.serviceName }, 'subscription shed: the gateway fell too far behind its events');
        return {
          errors: [serviceUnavailable('This gateway fell too far behind on this subscription; subscribe again.').toJSON()],
        };
      },
      failure: (error) => {
        log.warn({ err: error, service: primary.serviceName }, 'subscription upstream failed');
        return {
          errors: [
            serviceUnavailable(`The ${primary.serviceName} service ended this subscription; subscribe again.`, { serviceName: primary.serviceName }).toJSON(),
          ],
        };
      },
    };
  }
}

const printed = new WeakMap<DocumentNode, string>();
/** Documents are shared (see DocumentCache), so each is printed once. */
function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

function keyOf(request: SubscribeRequest): string {
  return createHash('sha256')
    .update(request.scope)
    .update('\0')
    .update(request.operationName ?? '')
    .update('\0')
    .update(printOnce(request.document))
    .update('\0')
    .update(stableJson(request.variables))
    .digest('hex');
}

/** JSON with object keys sorted, so { a, b } and { b, a } share a subscription. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
