export { startChatSubgraph, createApollo, typeDefs, type ChatSubgraphOptions } from './server';
export { createContext } from './context';
export type { Deps as ChatDeps, Context as ChatContext } from './context';
export { ragAnswerSource, type RagAnswerSourceOptions } from './assistant/rag-answer-source';
export { AnswerSourceUnavailable, type AnswerSource, type KnowledgeAnswer } from './assistant/answer-source';
export { memoryTypingStore, redisTypingStore, type TypingStore } from './services/typing-store';
export { rebuildProjections, snapshotProjections, type RebuildReport } from './events/rebuild';
