import type { AccessTokenVerifier, InternalVerifier } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { EventBus } from '@bodega/events';
import type { Logger } from '@bodega/logger';
import { requestContext, withRequest, type RequestContext, type RequestInfo } from '@bodega/server-kit';
import type { AnswerSource } from './assistant/answer-source';
import { createLoaders, type Loaders } from './loaders';
import type { TypingStore } from './services/typing-store';

/** What lives for the whole process. */
export interface Deps {
  prisma: PrismaClient;
  events: EventBus;
  log: Logger;
  /** Verifies the caller's access token: the subgraph trusts no identity it did not verify. */
  tokens: AccessTokenVerifier;
  /** Checks that a request was signed by the gateway or a Bodega service: the subgraph answers nothing else. */
  internal: InternalVerifier;
  /** The knowledge base's answers (the rag subgraph, called service to service). */
  answers: AnswerSource;
  /** Who is typing: ephemeral, with a TTL, never in the event log. */
  typing: TypingStore;
}

/** What every resolver and service gets, per request. */
export interface Context extends Deps, RequestContext {
  loaders: Loaders;
}

export async function createContext(deps: Deps, request: RequestInfo): Promise<Context> {
  return withRequest({ ...deps, loaders: createLoaders(deps.prisma) }, await requestContext(deps.tokens, request));
}
