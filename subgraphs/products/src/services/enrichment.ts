import { createLocalProvider, Enricher, MemoryAnswerCache, type EnrichmentOutcome, type EnrichmentRequest, type TaxonomyNode } from '@bodega/ai';
import type { PrismaClient, Product } from '@bodega/db';
import { notFound } from '@bodega/errors';
import type { Logger } from '@bodega/logger';
import type { Context } from '../context';
import { isUuid } from './ids';

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

/**
 * Generates what the manager left out. Never throws: whatever goes wrong, the caller still saves
 * the manager's input, with status FAILED and the reason (the enricher already turns provider
 * failures into FAILED; this also covers the unexpected, e.g. the taxonomy failing to load).
 */
export async function enrichProduct(ctx: Context, request: EnrichmentRequest): Promise<EnrichmentOutcome> {
  try {
    return await ctx.enricher.enrich(request);
  } catch (err) {
    ctx.log.error({ err }, 'product enrichment failed unexpectedly');
    return {
      status: 'FAILED',
      source: ctx.enricher.provider.name === 'openai' ? 'OPENAI' : 'LOCAL',
      description: null,
      categoryId: null,
      confidence: null,
      suggestions: [],
      needsReview: request.categoryId == null,
      generated: { description: false, category: false },
      error: 'Generating the description and category failed unexpectedly; try regenerateEnrichment later.',
      cached: false,
      timings: { totalMs: 0, providerMs: 0 },
    };
  }
}

/**
 * Generates again what the product lacks (description, category), e.g. after FAILED or PARTIAL.
 * A field with a value is never replaced: the manager's, or one generated before. With nothing
 * missing, the product is returned unchanged and no model is asked.
 */
export async function regenerateEnrichment(ctx: Context, id: string): Promise<Product> {
  if (!isUuid(id)) throw notFound('product', id);
  const product = await ctx.loaders.product.load(id);
  if (!product) throw notFound('product', id);
  const outcome = await enrichProduct(ctx, {
    name: product.name,
    keywords: product.keywords,
    description: product.description,
    categoryId: product.categoryId,
  });
  if (outcome.status === 'SKIPPED') return product;

  // The model call is over before the transaction starts: no row is locked while it runs. Under the
  // lock, a field the manager filled meanwhile wins over the generated one.
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<Array<{ description: string | null; categoryId: number | null }>>`
      SELECT description, category_id AS "categoryId" FROM products.products WHERE id = ${id}::uuid FOR UPDATE`;
    if (!current) throw notFound('product', id);
    return tx.product.update({
      where: { id },
      data: {
        description: current.description ?? outcome.description,
        categoryId: current.categoryId ?? outcome.categoryId,
        enrichmentStatus: outcome.status,
        enrichmentSource: outcome.source,
        enrichmentError: outcome.error,
      },
    });
  });
  ctx.log.info({ productId: id, status: outcome.status, source: outcome.source }, 'product enrichment regenerated');
  return updated;
}
