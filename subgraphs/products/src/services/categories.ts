import type { Category } from '@bodega/db';
import { badUserInput, parseInput } from '@bodega/errors';
import { z } from 'zod';
import type { Context } from '../context';
import { parseCategoryId } from './category-ids';

export async function getCategory(ctx: Context, id: string): Promise<Category | null> {
  const numeric = parseCategoryId(id);
  return numeric === null ? null : ctx.loaders.category.load(numeric);
}

/** A category id from input must name a real taxonomy node; `field` names it in the error. */
export async function requireCategoryId(ctx: Context, id: string, field: string): Promise<number> {
  const category = await getCategory(ctx, id);
  if (!category) {
    throw badUserInput(`No Google Product Taxonomy category has the id "${id}".`, field);
  }
  return category.id;
}

const searchArgs = z.object({
  search: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  first: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').nullish(),
});

export function searchCategories(ctx: Context, args: { search: string; first?: number | null }): Promise<Category[]> {
  const { search, first } = parseInput(searchArgs, args);
  return ctx.prisma.category.findMany({
    where: { path: { contains: search, mode: 'insensitive' } },
    orderBy: [{ depth: 'asc' }, { path: 'asc' }],
    take: first ?? 20,
  });
}
