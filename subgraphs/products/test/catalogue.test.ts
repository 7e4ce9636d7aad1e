import { faker } from '@faker-js/faker';
import { startHarness, type Harness } from './harness';

const CREATE = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) {
    id name keywords stock lowStockThreshold description
    price { amount currencyCode } category { id name path parent { id } } enrichment { status source }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { id name description price { amount } category { id } lowStockThreshold stock }
}`;

let h: Harness;
beforeAll(async () => {
  faker.seed(2002);
  h = await startHarness();
});
afterAll(() => h.close());

describe('creating products', () => {
  it('saves the manager input as given, with the default threshold, and generates what was left out', async () => {
    const name = faker.commerce.productName();
    const result = await h.run(CREATE, {
      input: { name: `  ${name} `, keywords: ['a', 'b', 'a'], stock: 7, price: { amount: '12.5', currencyCode: 'eur' } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProduct).toMatchObject({
      name,
      keywords: ['a', 'b'],
      stock: 7,
      lowStockThreshold: 10,
      description: expect.stringContaining(name),
      price: { amount: '12.50', currencyCode: 'EUR' },
      enrichment: { source: 'LOCAL' },
    });
  });

  it('generates nothing when the manager gives both description and a taxonomy category: SKIPPED, MANUAL', async () => {
    const result = await h.run(CREATE, {
      input: { name: 'Trail shoe', stock: 1, description: faker.commerce.productDescription(), categoryId: '187' },
    });
    expect(result.data?.createProduct).toMatchObject({
      category: { id: '187', name: 'Shoes', path: 'Apparel & Accessories > Shoes', parent: { id: '166' } },
      enrichment: { status: 'SKIPPED', source: 'MANUAL' },
    });
  });

  it.each([
    [{ name: '   ', stock: 1 }, 'input.name'],
    [{ name: 'x'.repeat(201), stock: 1 }, 'input.name'],
    [{ name: 'Cup', stock: -1 }, 'input.stock'],
    [{ name: 'Cup', stock: 2_000_000_000 }, 'input.stock'],
    [{ name: 'Cup', stock: 1, lowStockThreshold: -3 }, 'input.lowStockThreshold'],
    [{ name: 'Cup', stock: 1, price: { amount: '-1', currencyCode: 'EUR' } }, 'input.price.amount'],
    [{ name: 'Cup', stock: 1, price: { amount: '1.999', currencyCode: 'EUR' } }, 'input.price.amount'],
    [{ name: 'Cup', stock: 1, price: { amount: '1', currencyCode: 'XXQ' } }, 'input.price.currencyCode'],
    [{ name: 'Cup', stock: 1, keywords: [''] }, 'input.keywords.0'],
    [{ name: 'Cup', stock: 1, categoryId: '999999999' }, 'input.categoryId'],
    [{ name: 'Cup', stock: 1, categoryId: 'shoes' }, 'input.categoryId'],
  ])('rejects %j as BAD_USER_INPUT naming %s, and saves nothing', async (input, field) => {
    const before = await h.prisma.product.count();
    const result = await h.run(CREATE, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // A sentence for people; the path is in extensions.field only.
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z"].*\.$/);
    expect(result.errors?.[0]?.message).not.toContain('input.');
    expect(await h.prisma.product.count()).toBe(before);
  });
});

describe('updating products', () => {
  it('changes only the fields given and clears a field set to null', async () => {
    const created = await h.run(CREATE, {
      input: { name: 'Mug', stock: 4, description: 'A mug.', price: { amount: '3', currencyCode: 'USD' } },
    });
    const id = created.data?.createProduct.id;
    const result = await h.run(UPDATE, { id, input: { name: 'Big mug', price: null, categoryId: '166' } });
    expect(result.data?.updateProduct).toEqual({
      id,
      name: 'Big mug',
      description: 'A mug.',
      price: null,
      category: { id: '166' },
      lowStockThreshold: 10,
      stock: 4,
    });
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    const result = await h.run(UPDATE, { id: faker.string.uuid(), input: { name: 'Ghost' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('listing', () => {
  it('refuses a cursor it did not make', async () => {
    const result = await h.run('{ products(first: 2, after: "garbage") { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses an unknown category filter naming the field', async () => {
    const result = await h.run('{ products(filter: { categoryId: "424242424" }) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.categoryId' });
  });

  it('finds categories by part of their path, shortest first', async () => {
    const result = await h.run('{ categories(search: "shoes", first: 3) { id path } }');
    expect(result.data?.categories[0]).toEqual({ id: '187', path: 'Apparel & Accessories > Shoes' });
  });
});

describe('federation', () => {
  it('resolves a batch of product references with one database query', async () => {
    const products = await Promise.all(
      Array.from({ length: 5 }, (_, i) => h.prisma.product.create({ data: { name: `Ref ${i}`, stock: i } })),
    );
    const findMany = jest.spyOn(h.prisma.product, 'findMany');
    const result = await h.run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name stock } } }',
      { r: [...products.map((p) => ({ __typename: 'Product', id: p.id })), { __typename: 'Product', id: 'missing' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([...products.map(({ id, name, stock }) => ({ id, name, stock })), null]);
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
  });
});
