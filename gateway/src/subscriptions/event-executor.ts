import { createHash } from 'node:crypto';
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '@bodega/logger';
import { Kind, type ExecutionResult } from 'graphql';
import type { PlannedSubscription, SubscriptionPlanner } from './planner';

const PRIMARY = '__subscription_event__';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** Stands in for the primary fetch: its "response" is the event the subgraph pushed. */
class EventDataSource implements GraphQLDataSource {
  constructor(private readonly data: Record<string, unknown>) {}
  async process() {
    return { data: this.data };
  }
}

export interface EventRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  context: Record<string, unknown>;
  log: Logger;
}

/**
 * Resolves the events of one subscription through Apollo's query-plan executor: each
 * event is the primary fetch's result, then the plan's entity fetches run as for any query.
 */
export class EventExecutor {
  private readonly queryPlan: QueryPlan;
  private readonly requestContext: RequestContext;

  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly planned: PlannedSubscription,
    private readonly services: ServiceMap,
    request: EventRequest,
  ) {
    const primary = { ...planned.primary, serviceName: PRIMARY };
    this.queryPlan = { kind: 'QueryPlan', node: planned.rest ? { kind: 'Sequence', nodes: [primary, planned.rest] } : primary };
    const { operation, schema, fragments } = planned.operationContext;
    this.requestContext = {
      request: { query: request.query, operationName: request.operationName, variables: request.variables },
      logger: request.log,
      schema,
      schemaHash: '' as RequestContext['schemaHash'],
      context: request.context,
      cache: new InMemoryLRUCache(),
      queryHash: createHash('sha256').update(request.query).digest('hex'),
      document: { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(fragments)] },
      source: request.query,
      operationName: request.operationName ?? null,
      operation,
      metrics: {},
      overallCachePolicy: undefined,
    };
  }

  async resolve(data: Record<string, unknown>): Promise<ExecutionResult> {
    const result = await executeQueryPlan(
      this.queryPlan,
      { ...this.services, [PRIMARY]: new EventDataSource(data) },
      { ...this.requestContext, metrics: {} },
      this.planned.operationContext,
      this.planner.supergraphSchema,
      this.planner.apiSchema,
    );
    return { data: result.data as ExecutionResult['data'], errors: result.errors };
  }
}
