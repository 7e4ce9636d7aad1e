import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { Prisma, type Product } from '@bodega/db';
import { notFound, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { requireCategoryId } from './categories';
import { enrichProduct, rewrittenDescription } from './enrichment';
import { categoryAssessment } from './enrichment-view';
import { isUuid } from '@bodega/db';
import { createProductInput, updateProductInput } from './product-input';
import { actorOf, announceStockChanges, settleAlerts, type StockChangeResult } from './stock-change';

export function getProduct(ctx: Context, id: string): Promise<Product | null> {
  return ctx.loaders.product.load(id);
}

export async function requireProduct(ctx: Context, id: string): Promise<Product> {
  const product = await getProduct(ctx, id);
  if (!product) throw notFound('product', id);
  return product;
}

/**
 * Saves the manager's input, with the description and category they left out generated (one
 * structured call, see @bodega/ai). What the manager gave is never replaced; with both given,
 * nothing is generated (SKIPPED, MANUAL). A provider failure never loses the input: the product is
 * saved with enrichment FAILED and the reason, for regenerateEnrichment later. The model is asked
 * before the write, so no transaction or row lock waits on it; the write is one INSERT.
 */
export async function createProduct(ctx: Context, rawInput: unknown): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'create products');
  const input = parseInput(createProductInput, rawInput, 'input');
  const categoryId = input.categoryId ? await requireCategoryId(ctx, input.categoryId, 'input.categoryId') : null;
  const enrichment = await enrichProduct(ctx, { name: input.name, keywords: input.keywords, description: input.description, categoryId });
  // The product, its first ledger row and any alert its stock calls for commit together.
  const { product, initial } = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.product.create({
      data: {
        name: input.name,
        keywords: input.keywords,
        description: input.description ?? enrichment.description,
        categoryId: categoryId ?? enrichment.categoryId,
        priceAmount: input.price ? new Prisma.Decimal(input.price.amount) : null,
        priceCurrency: input.price?.currencyCode ?? null,
        stock: input.stock,
        lowStockThreshold: input.lowStockThreshold,
        enrichmentStatus: enrichment.status,
        enrichmentSource: enrichment.source,
        enrichmentError: enrichment.error,
        descriptionGenerated: enrichment.generated.description,
        categoryGenerated: enrichment.generated.category,
        ...categoryAssessment(enrichment, categoryId === null),
      },
    });
    const initialStock = await settleAlerts(tx, created.id, { reason: 'INITIAL', actorId: actorOf(ctx) });
    return { product: created, initial: initialStock };
  });
  if (initial) announceStockChanges(ctx, [initial]);
  ctx.log.info(
    {
      productId: product.id,
      stock: product.stock,
      enrichment: enrichment.status,
      source: enrichment.source,
      cached: enrichment.cached,
      confidence: enrichment.confidence,
      needsReview: enrichment.needsReview,
    },
    'product created',
  );
  return product;
}

/**
 * Changes the fields given. A description or category given here is a person's: it is no longer
 * marked generated, and a category set by hand never needs review. When the category changes and
 * the description is still the generated one, a new description is written for the new category
 * (asked before the transaction, saved only if nobody changed the description meanwhile).
 */
export async function updateProduct(ctx: Context, id: string, rawInput: unknown): Promise<Product> {
  requireRole(ctx.identity, STAFF_ROLES, 'change products');
  const input = parseInput(updateProductInput, rawInput, 'input');
  if (!isUuid(id)) throw notFound('product', id);
  const categoryId =
    input.categoryId === undefined || input.categoryId === null
      ? input.categoryId
      : await requireCategoryId(ctx, input.categoryId, 'input.categoryId');
  const price =
    input.price === undefined
      ? {}
      : { priceAmount: input.price ? new Prisma.Decimal(input.price.amount) : null, priceCurrency: input.price?.currencyCode ?? null };
  const rewrite = input.description === undefined && typeof categoryId === 'number' ? await rewrittenDescription(ctx, id, categoryId, input) : null;
  let thresholdChange: StockChangeResult | null = null;
  try {
    const product = await ctx.prisma.$transaction(async (tx) => {
      let updated = await tx.product.update({
        where: { id },
        data: {
          name: input.name,
          keywords: input.keywords,
          description: input.description === '' ? null : input.description,
          categoryId,
          lowStockThreshold: input.lowStockThreshold,
          ...price,
          ...(input.description !== undefined ? { descriptionGenerated: false } : {}),
          ...(categoryId !== undefined ? { categoryGenerated: false, categoryConfidence: null, needsReview: false } : {}),
        },
      });
      if (rewrite) {
        // Only over the very description that was read: a person's edit meanwhile wins.
        const { count } = await tx.product.updateMany({
          where: { id, descriptionGenerated: true, description: rewrite.replaces },
          data: { description: rewrite.description, enrichmentSource: rewrite.source },
        });
        if (count) updated = await tx.product.findUniqueOrThrow({ where: { id } });
      }
      const settled = completedByHand(updated);
      if (settled) updated = await tx.product.update({ where: { id }, data: settled });
      // A new threshold may put the stock below it (an alert) or above it (resolved).
      if (input.lowStockThreshold !== undefined) thresholdChange = await settleAlerts(tx, id, null);
      return updated;
    });
    if (thresholdChange) announceStockChanges(ctx, [thresholdChange], { stockChanged: false });
    ctx.log.info({ productId: id, descriptionRewritten: rewrite !== null }, 'product updated');
    return product;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') throw notFound('product', id);
    throw error;
  }
}

/**
 * A FAILED or PARTIAL enrichment that the manager has since completed by hand is COMPLETE: nothing
 * is missing any more. Its source stays the provider's when the provider wrote part of it.
 */
function completedByHand(product: Product): Prisma.ProductUpdateInput | null {
  const unfinished = product.enrichmentStatus === 'FAILED' || product.enrichmentStatus === 'PARTIAL';
  if (!unfinished || !product.description || product.categoryId === null) return null;
  return {
    enrichmentStatus: 'COMPLETE',
    enrichmentSource: product.enrichmentStatus === 'FAILED' ? 'MANUAL' : product.enrichmentSource,
    enrichmentError: null,
  };
}
