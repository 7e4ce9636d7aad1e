import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Logger } from '@bodega/logger';
import { createGraphQLHandler, createHttpServer, errorPolicy, listen, type RunningServer } from '@bodega/server-kit';
import { GraphQLError, parse, type DocumentNode } from 'graphql';

/**
 * Stands in for the orders subgraph's contribution to Product (`Product.sales`) until that
 * subgraph exists, so the contract's StockChanged can be proven end to end.
 */
export const SALES_TYPE_DEFS: DocumentNode = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Product @key(fields: "id") {
    id: ID!
    sales: ProductSales!
  }

  type ProductSales {
    unitsSold: Int!
  }
`);

export interface SalesSubgraph extends RunningServer {
  /** Units sold by product id, set by the test; a product not in it has sold 0. */
  readonly unitsSold: Map<string, number>;
  /** Product ids whose sales fail with SERVICE_UNAVAILABLE, set by the test. */
  readonly failing: Set<string>;
  /** GraphQL requests received over HTTP: one per entity fetch the gateway makes. */
  readonly requests: number;
  /** Product representations resolved, across all requests. */
  readonly representations: number;
}

interface ProductRef {
  id: string;
}

/** The sales stand-in on a free port: Apollo Server over node:http, as Bodega's subgraphs are served. */
export async function startSalesSubgraph(log: Logger): Promise<SalesSubgraph> {
  const unitsSold = new Map<string, number>();
  const failing = new Set<string>();
  const counts = { requests: 0, representations: 0 };
  const schema = buildSubgraphSchema({
    typeDefs: SALES_TYPE_DEFS,
    resolvers: {
      Product: {
        __resolveReference: (ref: ProductRef) => {
          counts.representations += 1;
          return { id: ref.id };
        },
        sales: (product: ProductRef) => {
          if (failing.has(product.id)) {
            throw new GraphQLError('Sales figures are being recomputed; try again shortly.', {
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            });
          }
          return { unitsSold: unitsSold.get(product.id) ?? 0 };
        },
      },
    },
  });
  const errors = errorPolicy(log);
  const apollo = new ApolloServer({ schema, formatError: errors.formatError, logger: log, plugins: [errors.plugin] });
  await apollo.start();
  const server = createHttpServer(
    createGraphQLHandler({
      apollo,
      log,
      context: async () => {
        counts.requests += 1;
        return {};
      },
    }),
  );
  const running = await listen(server, 0);
  return {
    ...running,
    unitsSold,
    failing,
    get requests() {
      return counts.requests;
    },
    get representations() {
      return counts.representations;
    },
    close: async () => {
      await running.close();
      await apollo.stop();
    },
  };
}
