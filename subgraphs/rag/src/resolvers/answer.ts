import type { AnswerResolvers, CitationResolvers, SearchResultResolvers } from '../generated/graphql';
import { readableDocument } from '../services/document-model';

export const SearchResult: SearchResultResolvers = {
  score: (hit) => hit.score,
  chunk: (hit) => hit.chunk,
};

export const Answer: AnswerResolvers = {
  citations: (answer) => answer.citations,
};

export const Citation: CitationResolvers = {
  document: (citation, _args, ctx) => readableDocument(ctx, citation.documentId),
};
