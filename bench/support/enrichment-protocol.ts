/** The one stdout line the enrichment bench's server process prints once everything listens. */
export interface EnrichmentReady {
  type: 'bench-enrichment-ready';
  /** Bodega gateway GraphQL endpoints: products enriched through OpenAI (the fake), or locally. */
  urls: { openai: string; local: string };
  pid: number;
}

export const ENRICHMENT_READY_TYPE = 'bench-enrichment-ready';

export function enrichmentReadyLine(message: Omit<EnrichmentReady, 'type'>): string {
  const ready: EnrichmentReady = { type: ENRICHMENT_READY_TYPE, ...message };
  return `${JSON.stringify(ready)}\n`;
}

/** The ready message, or undefined for any other line (the servers' logs). */
export function parseEnrichmentReady(line: string): EnrichmentReady | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Partial<EnrichmentReady>;
    if (value.type !== ENRICHMENT_READY_TYPE || typeof value.urls?.openai !== 'string' || typeof value.urls.local !== 'string') return undefined;
    return { type: ENRICHMENT_READY_TYPE, urls: value.urls, pid: typeof value.pid === 'number' ? value.pid : -1 };
  } catch {
    return undefined;
  }
}
