/** A knowledge-base answer as the rag subgraph's `answer(question)` gives it. */
export interface KnowledgeAnswer {
  text: string;
  /** False when the documents do not support an answer: the text then says so, with no citations. */
  grounded: boolean;
  citations: Array<{ quote: string; document: { id: string; title: string } }>;
}

/**
 * Where the assistant's answers come from: the port the chat subgraph needs of the knowledge base.
 * In a deployment the rag subgraph over signed HTTP (`ragAnswerSource`).
 */
export interface AnswerSource {
  /** Rejects with AnswerSourceUnavailable when the knowledge base cannot be asked. */
  answer(question: string, requestId?: string): Promise<KnowledgeAnswer>;
}

/** The knowledge base did not answer (unreachable, timed out, refused): the assistant hands off. */
export class AnswerSourceUnavailable extends Error {
  override name = 'AnswerSourceUnavailable';
}
