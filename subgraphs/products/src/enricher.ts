import { createLocalProvider, Enricher, MemoryAnswerCache, type TaxonomyNode } from '@bodega/ai';
import type { PrismaClient } from '@bodega/db';
import type { Logger } from '@bodega/logger';

/** The taxonomy as the database holds it: the ids a product's category_id may reference. */
export function categoriesFrom(prisma: PrismaClient): () => Promise<TaxonomyNode[]> {
  return () =>
    prisma.category.findMany({ select: { id: true, name: true, path: true, parentId: true, depth: true, ancestorIds: true } });
}

const defaults = new WeakMap<PrismaClient, Enricher>();

/**
 * The enricher of a process that was given none (tests, benches): the local provider with an
 * in-memory cache, one per Prisma client, so the taxonomy is loaded once.
 */
export function defaultEnricher(prisma: PrismaClient, log: Logger): Enricher {
  let enricher = defaults.get(prisma);
  if (!enricher) {
    enricher = new Enricher({ provider: createLocalProvider(), cache: new MemoryAnswerCache(), taxonomy: categoriesFrom(prisma), log });
    defaults.set(prisma, enricher);
  }
  return enricher;
}

