import type { QueryResolvers } from '../generated/graphql';
import { answerQuestion } from '../services/answer';
import { getDocument, listDocuments } from '../services/documents';
import { searchChunks } from '../services/search';

export const Query: QueryResolvers = {
  search: (_root, args, ctx) => searchChunks(ctx, args),
  answer: (_root, args, ctx) => answerQuestion(ctx, args),
  documents: (_root, args, ctx) => listDocuments(ctx, args),
  document: (_root, { id }, ctx) => getDocument(ctx, id),
};
