import { faker } from '@faker-js/faker';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, onlyError } from './support/responses';

// Google Product Taxonomy ids (data/google-product-taxonomy-with-ids.en-US.txt).
const APPAREL = '166'; // Apparel & Accessories
const SHOES = '187'; // Apparel & Accessories > Shoes
const ACTIVEWEAR = '5322'; // Apparel & Accessories > Clothing > Activewear
const KITCHEN = '638'; // Home & Garden > Kitchen & Dining

/** A word no Faker text contains, placed in one product's name, another's keywords, a third's description. */
const RARE_WORD = 'zephyrweave';

interface Money {
  amount: string;
  currencyCode: string;
}
interface CreatedProduct {
  id: string;
  name: string;
  stock: number;
  price: Money | null;
  category: { id: string; name: string; path: string } | null;
  enrichment: { status: string; source: string };
}
interface ProductsPage {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; name: string; stock: number; price: Money | null; category: { id: string } | null } }>;
  };
}
interface Stock {
  id: string;
  stock: number;
}

let stack: Stack;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function create(input: Record<string, unknown>): Promise<CreatedProduct> {
  const response = await send<{ createProduct: CreatedProduct }>(contractOperation('CreateProduct'), { input });
  if (!response.body.data) throw new Error(`CreateProduct failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.createProduct;
}

async function page(variables: Record<string, unknown>): Promise<ProductsPage['products']> {
  const response = await send<ProductsPage>(contractOperation('Products'), variables);
  if (!response.body.data) throw new Error(`Products failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.products;
}

/**
 * Creation order, newest first. created_at has millisecond precision, so two products made in
 * the same millisecond tie; the contract's order then falls back to the id, descending.
 */
async function newestFirst(createdInOrder: string[]): Promise<string[]> {
  const rows = await stack.prisma.product.findMany({ where: { id: { in: createdInOrder } }, select: { id: true, createdAt: true } });
  const createdAt = new Map(rows.map((row) => [row.id, row.createdAt.getTime()]));
  const time = (id: string) => createdAt.get(id) ?? Number.NaN;
  return [...createdInOrder].reverse().sort((a, b) => time(b) - time(a) || (a < b ? 1 : a > b ? -1 : 0));
}

const idsOf = (products: ProductsPage['products']) => products.edges.map((edge) => edge.node.id);

async function stockOf(id: string): Promise<number | undefined> {
  const response = await send<{ product: { stock: number } | null }>('query ($id: ID!) { product(id: $id) { stock } }', { id });
  return response.body.data?.product?.stock;
}

// Runs first: the list assertions count every product in this file's database.
describe('Products', () => {
  const catalogue: Array<{ id: string; stock: number; categoryId: string; text: string }> = [];

  beforeAll(async () => {
    faker.seed(5322);
    const categories = [SHOES, ACTIVEWEAR, KITCHEN];
    for (let i = 0; i < 25; i += 1) {
      const input = {
        name: i === 4 ? `${faker.commerce.productName()} ${RARE_WORD}` : faker.commerce.productName(),
        keywords: [faker.commerce.productMaterial(), ...(i === 11 ? [RARE_WORD] : [])],
        description: `${faker.commerce.productDescription()}${i === 18 ? ` Woven as ${RARE_WORD}.` : ''}`,
        stock: i % 4 === 0 ? faker.number.int({ min: 0, max: 9 }) : faker.number.int({ min: 10, max: 500 }),
        price: { amount: faker.commerce.price({ min: 1, max: 300 }), currencyCode: 'EUR' },
        categoryId: categories[i % 3],
      };
      const product = await create(input);
      catalogue.push({ id: product.id, stock: input.stock, categoryId: String(input.categoryId), text: input.name });
    }
  });

  it('pages newest first with cursors, counting all and repeating none', async () => {
    const seen: string[] = [];
    const pages: Array<{ size: number; hasNextPage: boolean; totalCount: number }> = [];
    let after: string | null = null;
    do {
      const current: ProductsPage['products'] = await page({ first: 10, after });
      seen.push(...idsOf(current));
      pages.push({ size: current.edges.length, hasNextPage: current.pageInfo.hasNextPage, totalCount: current.totalCount });
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
    } while (after);

    expect(pages).toEqual([
      { size: 10, hasNextPage: true, totalCount: 25 },
      { size: 10, hasNextPage: true, totalCount: 25 },
      { size: 5, hasNextPage: false, totalCount: 25 },
    ]);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual(await newestFirst(catalogue.map((product) => product.id)));
  });

  it('returns each product with its price and category', async () => {
    const [newest] = (await page({ first: 1 })).edges;
    expect(newest?.node).toMatchObject({ id: catalogue[24]?.id, stock: catalogue[24]?.stock, category: { id: catalogue[24]?.categoryId } });
    expect(newest?.node.price).toEqual({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currencyCode: 'EUR' });
  });

  it.each([
    [true, (stock: number) => stock < 10],
    [false, (stock: number) => stock >= 10],
  ])('filters lowStock: %s by the default threshold of 10', async (lowStock, matches) => {
    const expected = catalogue.filter((product) => matches(product.stock)).map((product) => product.id);
    const result = await page({ first: 100, filter: { lowStock } });

    expect(expected.length).toBeGreaterThan(0);
    expect(result.totalCount).toBe(expected.length);
    expect(new Set(idsOf(result))).toEqual(new Set(expected));
  });

  it('searches name, keywords and description with full-text search', async () => {
    const result = await page({ first: 100, filter: { search: RARE_WORD } });
    const indexes = [4, 11, 18];

    expect(result.totalCount).toBe(3);
    expect(new Set(idsOf(result))).toEqual(new Set(indexes.map((i) => catalogue[i]?.id)));
  });

  it('finds a product by a word of its name among the Faker catalogue', async () => {
    const target = catalogue[7];
    const word = target?.text.split(' ').at(-1) ?? '';
    const result = await page({ first: 100, filter: { search: word } });

    expect(idsOf(result)).toContain(target?.id);
  });

  it.each([
    [APPAREL, [SHOES, ACTIVEWEAR]],
    [SHOES, [SHOES]],
    [ACTIVEWEAR, [ACTIVEWEAR]],
    [KITCHEN, [KITCHEN]],
  ])('filters categoryId %s to the category and everything below it', async (categoryId, included) => {
    const expected = catalogue.filter((product) => included.includes(product.categoryId)).map((product) => product.id);
    const result = await page({ first: 100, filter: { categoryId } });

    expect(result.totalCount).toBe(expected.length);
    expect(new Set(idsOf(result))).toEqual(new Set(expected));
  });

  it('combines filters', async () => {
    const expected = catalogue.filter((p) => [SHOES, ACTIVEWEAR].includes(p.categoryId) && p.stock < 10).map((p) => p.id);
    const result = await page({ first: 100, filter: { categoryId: APPAREL, lowStock: true } });

    expect(new Set(idsOf(result))).toEqual(new Set(expected));
  });
});

describe('CreateProduct', () => {
  it('returns the product with its category, and enrichment SKIPPED (MANUAL) when description and category are given', async () => {
    const product = await create({
      name: 'Trail runner',
      keywords: ['running', 'trail'],
      stock: 12,
      price: { amount: '89.9', currencyCode: 'EUR' },
      description: 'A light shoe for rough paths.',
      categoryId: SHOES,
    });

    expect(product).toMatchObject({
      name: 'Trail runner',
      stock: 12,
      price: { amount: '89.90', currencyCode: 'EUR' },
      category: { id: SHOES, name: 'Shoes', path: 'Apparel & Accessories > Shoes' },
      enrichment: { status: 'SKIPPED', source: 'MANUAL' },
    });
  });

  it('returns an enrichment status and source from the contract when description and category are missing', async () => {
    const product = await create({ name: 'Plain tote', stock: 4 });

    expect(['COMPLETE', 'PARTIAL', 'FAILED', 'SKIPPED']).toContain(product.enrichment.status);
    expect(['OPENAI', 'LOCAL', 'MANUAL']).toContain(product.enrichment.source);
  });
});

describe('SellProduct and RestockProduct', () => {
  let product: CreatedProduct;
  beforeAll(async () => {
    product = await create({ name: 'Cast iron pan', stock: 5, categoryId: KITCHEN });
  });

  it('sells by decrementing the stock', async () => {
    const response = await send<{ sellProduct: Stock }>(contractOperation('SellProduct'), { id: product.id, quantity: 2 });

    expect(response.body).toEqual({ data: { sellProduct: { id: product.id, stock: 3 } } });
    expect(await stockOf(product.id)).toBe(3);
  });

  it('refuses a sale bigger than the stock with OUT_OF_STOCK and leaves the stock unchanged', async () => {
    const response = await send<{ sellProduct: Stock }>(contractOperation('SellProduct'), { id: product.id, quantity: 4 });

    expect(onlyError(response).extensions).toMatchObject({ code: 'OUT_OF_STOCK', available: 3, requested: 4 });
    expect(response.body.data).toBeNull();
    expect(await stockOf(product.id)).toBe(3);
  });

  it('sells the last unit down to zero', async () => {
    const response = await send<{ sellProduct: Stock }>(contractOperation('SellProduct'), { id: product.id, quantity: 3 });
    expect(response.body.data?.sellProduct.stock).toBe(0);
  });

  it('restocks by incrementing the stock', async () => {
    const response = await send<{ restockProduct: Stock }>(contractOperation('RestockProduct'), { id: product.id, quantity: 7 });

    expect(response.body).toEqual({ data: { restockProduct: { id: product.id, stock: 7 } } });
    expect(await stockOf(product.id)).toBe(7);
  });
});
