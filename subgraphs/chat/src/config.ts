import { z } from '@bodega/config';

/** The chat subgraph's own variables (the composition root reads them with every other). */
export const chatEnv = {
  /** The rag subgraph's GraphQL URL, where the assistant asks its questions (service to service). */
  RAG_URL: z.string().url().default('http://127.0.0.1:4005/graphql'),
};
