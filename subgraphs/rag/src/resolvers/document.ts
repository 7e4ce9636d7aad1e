import type { ChunkResolvers, DocumentResolvers } from '../generated/graphql';
import { listChunks } from '../services/chunks';
import { documentLoader, readableDocument } from '../services/document-model';

export const Document: DocumentResolvers = {
  __resolveReference: (reference, ctx) => documentLoader(ctx).load(reference.id),
  chunks: (document, args, ctx) => listChunks(ctx, document, args),
};

export const Chunk: ChunkResolvers = {
  id: (chunk) => chunk.id,
  document: (chunk, _args, ctx) => readableDocument(ctx, chunk.documentId),
};
