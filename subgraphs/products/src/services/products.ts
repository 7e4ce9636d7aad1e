import { Prisma, type Product } from '@bodega/db';
import { notFound, parseInput } from '@bodega/errors';
import type { Context } from '../context';
import { requireCategoryId } from './categories';
import { enrichProduct } from './enrichment';
import { isUuid } from './ids';
import { createProductInput, updateProductInput } from './product-input';

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
  const input = parseInput(createProductInput, rawInput, 'input');
  const categoryId = input.categoryId ? await requireCategoryId(ctx, input.categoryId, 'input.categoryId') : null;
  const enrichment = await enrichProduct(ctx, { name: input.name, keywords: input.keywords, description: input.description, categoryId });
  const product = await ctx.prisma.product.create({
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
    },
  });
  ctx.log.info(
    { productId: product.id, stock: product.stock, enrichment: enrichment.status, source: enrichment.source, cached: enrichment.cached },
    'product created',
  );
  return product;
}

export async function updateProduct(ctx: Context, id: string, rawInput: unknown): Promise<Product> {
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
  try {
    const product = await ctx.prisma.$transaction(async (tx) => {
      const updated = await tx.product.update({
        where: { id },
        data: {
          name: input.name,
          keywords: input.keywords,
          description: input.description === '' ? null : input.description,
          categoryId,
          lowStockThreshold: input.lowStockThreshold,
          ...price,
        },
      });
      const settled = completedByHand(updated);
      return settled ? tx.product.update({ where: { id }, data: settled }) : updated;
    });
    ctx.log.info({ productId: id }, 'product updated');
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
