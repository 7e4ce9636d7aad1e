import { answerLocally, ENRICHMENT_TASK } from '../enrichment/task';
import { LocalProvider } from './provider';

export { LocalProvider, type LocalTask, type LocalProviderOptions } from './provider';
export { localEmbedding, cosineSimilarity, LOCAL_EMBEDDING_DIMENSIONS } from './embeddings';
export { lexicalEmbedding } from './lexical-embedding';
export { analyseText, conceptWords, stemWord, lexicalWords, type LexicalAnalysis, type LexicalTerm, type ConceptMention } from './lexicon';

/** The local provider with every task Bodega has: product enrichment. */
export function createLocalProvider(options: { dimensions?: number } = {}): LocalProvider {
  return new LocalProvider({ tasks: { [ENRICHMENT_TASK]: answerLocally }, dimensions: options.dimensions });
}
