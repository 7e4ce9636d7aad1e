import { Faker, en } from '@faker-js/faker';
import type { PrismaClient } from '@bodega/db';

/** Fixed, so every run benchmarks the same rows. */
export const SEED = 20261122;
const REFERENCE_DATE = new Date('2026-11-22T12:00:00.000Z');
const CATEGORY_COUNT = 6;
const CURRENCY = 'EUR';

export interface SeedResult {
  products: number;
  /** Taxonomy ids the products were spread over. */
  categoryIds: number[];
}

/**
 * Fills `products.products` with `count` priced products; most sit in one of a few
 * taxonomy categories (so the query resolves `category` too), a tenth have none.
 */
export async function seedProducts(prisma: PrismaClient, count: number): Promise<SeedResult> {
  const faker = new Faker({ locale: [en], seed: SEED });
  faker.setDefaultRefDate(REFERENCE_DATE);

  // Categories a level or two down the tree, like a shop's own departments.
  const candidates = await prisma.category.findMany({ where: { depth: 2 }, orderBy: { id: 'asc' }, select: { id: true } });
  const categoryIds = faker.helpers.arrayElements(candidates, Math.min(CATEGORY_COUNT, candidates.length)).map((c) => c.id);

  const rows = Array.from({ length: count }, () => {
    const createdAt = faker.date.past({ years: 1 });
    return {
      id: faker.string.uuid(),
      name: faker.commerce.productName(),
      keywords: faker.helpers.uniqueArray(() => faker.commerce.productAdjective().toLowerCase(), 3),
      description: faker.commerce.productDescription(),
      categoryId: categoryIds.length && faker.number.float() >= 0.1 ? faker.helpers.arrayElement(categoryIds) : null,
      priceAmount: faker.commerce.price({ min: 1, max: 500, dec: 2 }),
      priceCurrency: CURRENCY,
      stock: faker.number.int({ min: 0, max: 120 }),
      createdAt,
      updatedAt: createdAt,
    };
  });
  const { count: inserted } = await prisma.product.createMany({ data: rows });
  return { products: inserted, categoryIds };
}
