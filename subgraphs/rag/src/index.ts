// The rag subgraph's domain: what its resolvers call. Every service takes the request context first.
export type { RagContext, RagDeps, Deps as RagServerDeps, Context as RagRequestContext } from './context';
export { startRagSubgraph, createApollo, typeDefs } from './server';
export { startRagRuntime, type RagRuntime, type RagRuntimeOptions } from './runtime';
export { ragSettings, ragEnv, ragSettingsFromEnv, DEFAULT_RAG_SETTINGS, type RagSettings, type RagEnv } from './settings';
export { ingestDocument, getDocument, listDocuments, deleteDocument } from './services/documents';
export { listChunks, loadSearchableChunks, type ChunkModel } from './services/chunks';
export type { DocumentModel } from './services/document-model';
export { searchChunks, type SearchHit, type SearchMode } from './services/search';
export { answerQuestion, NOT_COVERED, type AnswerModel, type CitationModel } from './services/answer';
export { relatedDocuments, type ProductRef } from './services/related';
export { documentStatusStream, type DocumentStatusModel } from './services/status-stream';
export { IngestWorker } from './jobs/worker';
export { ChunkIndex } from './vector/chunk-index';
export { MAX_DOCUMENT_BYTES, MIME_TYPES } from './ingest/content';
