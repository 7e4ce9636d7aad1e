import type { EnrichmentOutcome } from '@bodega/ai';
import type { Category, Prisma, Product } from '@bodega/db';
import type { Context } from '../context';

/** What `CategorySuggestion` resolves from. */
export interface CategorySuggestionModel {
  category: Category;
  score: number;
}

interface StoredSuggestion {
  categoryId: number;
  score: number;
}

/** The suggestions stored on a product (category_suggestions, JSON), ignoring anything malformed. */
export function storedSuggestions(value: Prisma.JsonValue): StoredSuggestion[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    const { categoryId, score } = entry as Record<string, unknown>;
    return typeof categoryId === 'number' && typeof score === 'number' ? [{ categoryId, score }] : [];
  });
}

/** The product's suggestions with their categories, batched; a category gone from the taxonomy is left out. */
export async function suggestionsOf(ctx: Context, product: Product): Promise<CategorySuggestionModel[]> {
  const stored = storedSuggestions(product.categorySuggestions);
  const categories = await ctx.loaders.category.loadMany(stored.map((suggestion) => suggestion.categoryId));
  return stored.flatMap((suggestion, index) => {
    const category = categories[index];
    return category && !(category instanceof Error) ? [{ category, score: suggestion.score }] : [];
  });
}

/**
 * The columns an enrichment outcome sets when its category was asked for: the confidence (of a
 * generated category), the suggestions and whether it needs review. Not asked for: nothing.
 */
export function categoryAssessment(
  outcome: EnrichmentOutcome,
  categoryWanted: boolean,
): { categoryConfidence?: number | null; categorySuggestions?: Prisma.InputJsonValue; needsReview?: boolean } {
  if (!categoryWanted) return {};
  return {
    categoryConfidence: outcome.generated.category ? outcome.confidence : null,
    categorySuggestions: outcome.suggestions.map(({ categoryId, score }) => ({ categoryId, score })),
    needsReview: outcome.needsReview,
  };
}
