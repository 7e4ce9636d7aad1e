import { AiError, type AiProvider, type StructuredRequest } from '../provider';
import { LOCAL_EMBEDDING_DIMENSIONS } from './embeddings';
import { lexicalEmbedding } from './lexical-embedding';

/** Answers one task from its input data, deterministically. */
export type LocalTask = (input: unknown) => unknown;

export interface LocalProviderOptions {
  /** The tasks it can answer, by `StructuredRequest.task`. */
  tasks: Readonly<Record<string, LocalTask>>;
  /** Default: 384. */
  dimensions?: number;
}

/**
 * The provider that needs no network and no key: fast, deterministic and honest. It reads the
 * request's data, not its prose, so it answers only the tasks it was built with.
 */
export class LocalProvider implements AiProvider {
  readonly name = 'local' as const;
  readonly model: string;
  readonly embeddingModel: string;
  private readonly dimensions: number;

  constructor(private readonly options: LocalProviderOptions) {
    this.dimensions = options.dimensions ?? LOCAL_EMBEDDING_DIMENSIONS;
    // Versioned: answers cached under one version are not reused by another.
    this.model = 'bodega-local-1';
    // -2: lexical embeddings (stems, thesaurus concepts); -1 vectors (localEmbedding) are not comparable with them.
    this.embeddingModel = `bodega-lexical-${this.dimensions}-2`;
  }

  async generate(request: StructuredRequest): Promise<unknown> {
    const task = this.options.tasks[request.task];
    if (!task) throw new AiError('unsupported', `The local provider cannot do "${request.task}".`);
    return task(request.input);
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => lexicalEmbedding(text, this.dimensions));
  }
}
