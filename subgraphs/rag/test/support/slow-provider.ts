import { createLocalProvider, type AiProvider } from '@bodega/ai';

/** The local provider, with every embedding call taking `delayMs`: long enough to kill a process mid-ingest. */
export function slowProvider(delayMs: number, onEmbed?: (texts: readonly string[]) => void): AiProvider {
  const local = createLocalProvider();
  return {
    name: local.name,
    model: local.model,
    embeddingModel: local.embeddingModel,
    generate: (request) => local.generate(request),
    embed: async (texts) => {
      onEmbed?.(texts);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return local.embed(texts);
    },
  };
}
