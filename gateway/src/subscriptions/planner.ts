import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { print, type DocumentNode, type GraphQLSchema } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** What the query planner makes of one subscription document. */
export interface PlannedSubscription {
  /** The fetch that opens the subscription at the subgraph that owns the field. */
  primary: FetchNode;
  /** Entity fetches for fields other subgraphs contribute, run once per event. */
  rest?: PlanNode;
  operationContext: OperationContext;
}

const MAX_CACHED_PLANS = 500;

/**
 * Plans subscriptions with Apollo's own query planner, which already splits them into
 * a primary fetch and the rest; @apollo/gateway only refuses to execute them.
 */
export class SubscriptionPlanner {
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly graphqlApiSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly plans = new Map<string, PlannedSubscription>();

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.graphqlApiSchema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  plan(document: DocumentNode, operationName?: string | null): PlannedSubscription {
    const key = `${operationName ?? ''}\n${print(document)}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName: operationName ?? undefined });
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new Error('Only subscription operations are planned here.');
    const planned: PlannedSubscription = {
      primary: node.primary,
      rest: node.rest,
      operationContext: buildOperationContext({
        schema: this.graphqlApiSchema,
        operationDocument: document,
        operationName: operationName ?? undefined,
      }),
    };
    if (this.plans.size >= MAX_CACHED_PLANS) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, planned);
    return planned;
  }
}
