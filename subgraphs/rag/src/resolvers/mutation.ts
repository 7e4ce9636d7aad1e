import type { MutationResolvers } from '../generated/graphql';
import { deleteDocument, ingestDocument } from '../services/documents';

export const Mutation: MutationResolvers = {
  ingestDocument: (_root, { input }, ctx) => ingestDocument(ctx, input),
  deleteDocument: (_root, { id }, ctx) => deleteDocument(ctx, id),
};
