import type { Context } from '../context';
import type { SubscriptionResolvers } from '../generated/graphql';
import { documentAtStatus, documentStatusStream, type DocumentStatusModel } from '../services/status-stream';

export const Subscription: SubscriptionResolvers = {
  documentStatusChanged: {
    subscribe: (_root, { id }, ctx) => documentStatusStream(ctx, id),
    // A subscription's context lives as long as it does: each event reads the document fresh.
    resolve: (status: DocumentStatusModel, _args: unknown, ctx: Context) => documentAtStatus(ctx, status),
  },
};
