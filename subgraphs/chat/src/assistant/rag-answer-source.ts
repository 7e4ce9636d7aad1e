import { postSignedGraphQL, type InternalSigner } from '@bodega/auth';
import type { Logger } from '@bodega/logger';
import { AnswerSourceUnavailable, type AnswerSource, type KnowledgeAnswer } from './answer-source';

const ANSWER = 'query ChatAssistantAnswer($question: String!) { answer(question: $question) { text grounded citations { quote document { id title } } } }';

export interface RagAnswerSourceOptions {
  /** The rag subgraph's GraphQL URL (RAG_URL). */
  url: string;
  /** Signs as the chat service: rag answers it from PUBLIC documents only, as for a customer. */
  signer: InternalSigner;
  log: Logger;
  /** Per call. Default: 10,000 ms. */
  timeoutMs?: number;
}

/** The rag subgraph's `answer(question)`, called service to service with a signed request. */
export function ragAnswerSource({ url, signer, log, timeoutMs = 10_000 }: RagAnswerSourceOptions): AnswerSource {
  return {
    async answer(question, requestId) {
      let response: Response;
      try {
        response = await postSignedGraphQL(url, signer, { query: ANSWER, variables: { question }, requestId, timeoutMs });
      } catch (error) {
        throw new AnswerSourceUnavailable(`knowledge base unreachable: ${(error as Error).message}`, { cause: error });
      }
      const body = (await response.json().catch(() => null)) as { data?: { answer?: KnowledgeAnswer } | null; errors?: Array<{ message: string }> } | null;
      const answer = body?.data?.answer;
      if (!response.ok || !answer || body?.errors?.length) {
        log.warn({ status: response.status, errors: body?.errors }, 'knowledge base refused a question');
        throw new AnswerSourceUnavailable(`knowledge base answered ${response.status}${body?.errors?.[0] ? `: ${body.errors[0].message}` : ''}`);
      }
      return answer;
    },
  };
}
