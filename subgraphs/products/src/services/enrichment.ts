import { STAFF_ROLES, requireRole } from '@bodega/auth';
import type { EnrichmentOutcome, EnrichmentRequest } from '@bodega/ai';
import type { EnrichmentSource as ProductEnrichmentSource, Product } from '@bodega/db';
import { notFound } from '@bodega/errors';
import type { Logger } from '@bodega/logger';
import type { Context } from '../context';
import { categoryAssessment } from './enrichment-view';
import { isUuid } from '@bodega/db';

/**
 * Generates what the manager left out. Never throws: whatever goes wrong, the caller still saves
 * the manager's input, with status FAILED and the reason (the enricher already turns provider
 * failures into FAILED; this also covers the unexpected, e.g. the taxonomy failing to load).
 */
export async function enrichProduct(ctx: Context, request: EnrichmentRequest, options: { fresh?: boolean } = {}): Promise<EnrichmentOutcome> {
  try {
    return await ctx.enricher.enrich(request, options);
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
 * A new description for a product whose category a person is changing, when its description is
 * still the generated one nobody edited; null otherwise (or when writing one failed: the old one
 * stays). Asked outside any transaction; `replaces` is the description it was written to replace.
 */
export async function rewrittenDescription(
  ctx: Context,
  id: string,
  categoryId: number,
  changes: { name?: string; keywords?: string[] },
): Promise<{ description: string; replaces: string; source: ProductEnrichmentSource } | null> {
  const current = await ctx.prisma.product.findUnique({ where: { id } });
  if (!current?.descriptionGenerated || !current.description || current.categoryId === categoryId) return null;
  const outcome = await enrichProduct(ctx, {
    name: changes.name ?? current.name,
    keywords: changes.keywords ?? current.keywords,
    description: null,
    categoryId,
  });
  if (!outcome.description) {
    ctx.log.warn({ productId: id, reason: outcome.error }, 'generated description not rewritten for the new category');
    return null;
  }
  return { description: outcome.description, replaces: current.description, source: outcome.source };
}

/**
 * Generates again what the product lacks and what was generated and never changed by a person
 * (description, category), e.g. after FAILED or PARTIAL, or to redo a category marked for review.
 * A field a person wrote is never replaced, including one written while the model was asked.
 * With nothing to generate, the product is returned unchanged and no model is asked.
 */
export async function regenerateEnrichment(ctx: Context, id: string): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'regenerate product descriptions and categories');
  if (!isUuid(id)) throw notFound('product', id);
  const product = await ctx.loaders.product.load(id);
  if (!product) throw notFound('product', id);
  const redoDescription = !product.description || product.descriptionGenerated;
  const redoCategory = product.categoryId === null || product.categoryGenerated;
  if (!redoDescription && !redoCategory) return product;
  // Replacing a generated field means a new answer, not the cached one it came from.
  const replacing = (redoDescription && product.descriptionGenerated) || (redoCategory && product.categoryGenerated);
  const outcome = await enrichProduct(
    ctx,
    {
      name: product.name,
      keywords: product.keywords,
      description: redoDescription ? null : product.description,
      categoryId: redoCategory ? null : product.categoryId,
    },
    { fresh: replacing },
  );
  if (outcome.status === 'SKIPPED') return product;

  // The model call is over before the transaction starts: no row is locked while it runs. Under the
  // lock, a field a person filled meanwhile wins over the generated one.
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<
      Array<{ description: string | null; categoryId: number | null; descriptionGenerated: boolean; categoryGenerated: boolean }>
    >`
      SELECT description, category_id AS "categoryId", description_generated AS "descriptionGenerated",
             category_generated AS "categoryGenerated"
      FROM products.products WHERE id = ${id}::uuid FOR UPDATE`;
    if (!current) throw notFound('product', id);
    const mayReplaceDescription = !current.description || current.descriptionGenerated;
    const mayReplaceCategory = current.categoryId === null || current.categoryGenerated;
    const newDescription = redoDescription && mayReplaceDescription && outcome.description !== null;
    const newCategory = redoCategory && mayReplaceCategory && outcome.categoryId !== null;
    return tx.product.update({
      where: { id },
      data: {
        ...(newDescription ? { description: outcome.description, descriptionGenerated: true } : {}),
        ...(newCategory ? { categoryId: outcome.categoryId, categoryGenerated: true } : {}),
        ...(redoCategory && mayReplaceCategory && (newCategory || current.categoryId === null) ? categoryAssessment(outcome, true) : {}),
        enrichmentStatus: outcome.status,
        enrichmentSource: outcome.source,
        enrichmentError: outcome.error,
      },
    });
  });
  ctx.log.info(
    { productId: id, status: outcome.status, source: outcome.source, confidence: outcome.confidence, needsReview: outcome.needsReview },
    'product enrichment regenerated',
  );
  return updated;
}
