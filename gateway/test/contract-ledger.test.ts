import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { Topic, type StockChangedEvent } from '@bodega/events';
import { faker } from '@faker-js/faker';
import { bearer } from '@bodega/testing/auth';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { apiSchemaOf } from '../src/api-schema';
import { SUPERGRAPH_PATH } from '../src/subgraphs';
import { LEDGER_OPERATIONS as OPS } from './support/ledger-operations';
import { checkedRequest, onlyError } from './support/responses';

interface Movement {
  id: string;
  delta: number;
  reason: string;
  stock: number;
  version: number;
  orderId: string | null;
  note: string | null;
  occurredAt: string;
  changedBy: { id: string } | null;
}
interface MovementsPage {
  product: {
    id: string;
    stock: number;
    stockMovements: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: Movement }> };
  } | null;
}

let stack: Stack;
const send = checkedRequest(() => stack);
const staffId = randomUUID();
let staff: { authorization: string };

beforeAll(async () => {
  faker.seed(1717);
  stack = await startStack();
  staff = { authorization: await bearer('STAFF', staffId) };
});
afterAll(() => stack.close());

async function createProduct(stock: number, lowStockThreshold = 5): Promise<string> {
  const input = { name: faker.commerce.productName(), description: 'A ledger test product.', categoryId: '638', stock, lowStockThreshold, price: { amount: '4.20', currencyCode: 'EUR' } };
  const response = await send<{ createProduct: { id: string } }>(contractOperation('CreateProduct'), { input }, staff);
  if (!response.body.data) throw new Error(`CreateProduct failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.createProduct.id;
}

async function adjust(id: string, delta: number, reason: string, note?: string) {
  return send<{ adjustStock: { id: string; stock: number; lowStock: boolean } }>(OPS.AdjustStock, { id, delta, reason, note }, staff);
}

/** Every movement of the product, newest first, read page by page. */
async function allMovements(id: string, first = 2): Promise<{ movements: Movement[]; totalCount: number; pages: number }> {
  const movements: Movement[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  do {
    const response: { body: { data?: MovementsPage | null } } = await send<MovementsPage>(OPS.StockMovements, { id, first, after }, staff);
    const page: NonNullable<MovementsPage['product']>['stockMovements'] = response.body.data!.product!.stockMovements;
    movements.push(...page.edges.map((edge) => edge.node));
    totalCount = page.totalCount;
    pages += 1;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { movements, totalCount, pages };
}

describe('the inventory ledger through the gateway', () => {
  it('validates every ledger operation against the composed API schema', () => {
    const schema = apiSchemaOf(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    for (const [name, text] of Object.entries(OPS)) {
      expect([name, validate(schema, parse(text)).map((error) => error.message)]).toEqual([name, []]);
    }
  });

  it('records every stock change as a movement (delta, reason, who, order, resulting stock), paged newest first, matching its stockChanged event', async () => {
    const id = await createProduct(8);
    const events: StockChangedEvent[] = [];
    const unsubscribe = await stack.events.subscribe(Topic.StockChanged, (event) => void (event.productId === id && events.push(event)));

    expect((await adjust(id, 12, 'RECEIVED', 'Pallet from the supplier')).body.data?.adjustStock.stock).toBe(20);
    expect((await adjust(id, -2, 'DAMAGED', 'Dropped')).body.data?.adjustStock.stock).toBe(18);
    expect((await adjust(id, 1, 'CORRECTION')).body.data?.adjustStock.stock).toBe(19);
    await send(contractOperation('SellProduct'), { id, quantity: 4 }, staff);
    await send(contractOperation('RestockProduct'), { id, quantity: 5 }, staff);
    const placed = await send<{ placeOrder: { id: string } }>(contractOperation('PlaceOrder'), { input: { items: [{ productId: id, quantity: 3 }] } });
    const orderId = placed.body.data!.placeOrder.id;
    await send(contractOperation('CancelOrder'), { id: orderId });

    const { movements, totalCount, pages } = await allMovements(id);
    expect(totalCount).toBe(8);
    expect(pages).toBe(4);
    expect(movements.map(({ delta, reason, stock, version, orderId: order, note, changedBy }) => ({ delta, reason, stock, version, order, note, by: changedBy?.id ?? null }))).toEqual([
      { delta: 3, reason: 'CANCEL', stock: 20, version: 7, order: orderId, note: null, by: null },
      { delta: -3, reason: 'ORDER', stock: 17, version: 6, order: orderId, note: null, by: null },
      { delta: 5, reason: 'RESTOCK', stock: 20, version: 5, order: null, note: null, by: staffId },
      { delta: -4, reason: 'SALE', stock: 15, version: 4, order: null, note: null, by: staffId },
      { delta: 1, reason: 'CORRECTION', stock: 19, version: 3, order: null, note: null, by: staffId },
      { delta: -2, reason: 'DAMAGED', stock: 18, version: 2, order: null, note: 'Dropped', by: staffId },
      { delta: 12, reason: 'RECEIVED', stock: 20, version: 1, order: null, note: 'Pallet from the supplier', by: staffId },
      { delta: 8, reason: 'INITIAL', stock: 8, version: 0, order: null, note: null, by: staffId },
    ]);
    // The ledger adds up to the product's stock, and each stockChanged event says what its movement says.
    const product = await send<MovementsPage>(OPS.StockMovements, { id, first: 1 }, staff);
    expect(movements.reduce((sum, movement) => sum + movement.delta, 0)).toBe(product.body.data!.product!.stock);
    await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    const published = events.map(({ delta, reason, stock, version }) => ({ delta, reason, stock, version })).sort((a, b) => b.version - a.version);
    expect(published).toEqual(movements.filter((m) => m.reason !== 'INITIAL').map(({ delta, reason, stock, version }) => ({ delta, reason, stock, version })));
  });

  it('refuses an adjustment that would take stock below 0 or whose sign does not fit the reason, recording nothing', async () => {
    const id = await createProduct(3, 0);
    const below = onlyError(await adjust(id, -4, 'CORRECTION'));
    expect(below.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'delta' });
    expect(below.message).toBe('Only 3 in stock: take away at most 3.');
    expect(onlyError(await adjust(id, 2, 'DAMAGED')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'delta' });
    expect(onlyError(await adjust(id, -2, 'RECEIVED')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'delta' });
    expect(onlyError(await adjust(id, 0, 'CORRECTION')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'delta' });
    expect(onlyError(await adjust(id, 1, 'CORRECTION', 'x'.repeat(501))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(onlyError(await adjust(randomUUID(), 1, 'CORRECTION')).extensions).toMatchObject({ code: 'NOT_FOUND' });
    const { movements } = await allMovements(id, 10);
    expect(movements.map((movement) => movement.reason)).toEqual(['INITIAL']);
    expect(await stack.prisma.product.findUniqueOrThrow({ where: { id }, select: { stock: true, stockVersion: true } })).toEqual({ stock: 3, stockVersion: 0 });
  });

  it('keeps the ledger and stock adjustments to staff', async () => {
    const id = await createProduct(4);
    const customer = { authorization: await bearer('CUSTOMER') };
    const adjusted = await send(OPS.AdjustStock, { id, delta: 1, reason: 'RECEIVED' }, customer);
    expect(onlyError(adjusted).extensions).toMatchObject({ code: 'FORBIDDEN' });
    const read = await send<MovementsPage>(OPS.StockMovements, { id, first: 5 }, customer);
    expect(onlyError(read).extensions).toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = await send<MovementsPage>(OPS.StockMovements, { id, first: 5 }, { authorization: '' });
    expect(onlyError(anonymous).extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    expect(await stack.prisma.stockMovement.count({ where: { productId: id } })).toBe(1);
  });

  it('refuses a cursor from another product', async () => {
    const [a, b] = [await createProduct(2), await createProduct(2)];
    await adjust(a, 1, 'RECEIVED');
    const first = await send<MovementsPage>(OPS.StockMovements, { id: a, first: 1 }, staff);
    const cursor = first.body.data!.product!.stockMovements.pageInfo.endCursor;
    const foreign = await send<MovementsPage>(OPS.StockMovements, { id: b, first: 1, after: cursor }, staff);
    expect(onlyError(foreign).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('takes an archived product out of the lists and the shop, while its orders keep it', async () => {
    const id = await createProduct(10);
    const placed = await send<{ placeOrder: { id: string } }>(contractOperation('PlaceOrder'), { input: { items: [{ productId: id, quantity: 1 }] } });
    const orderId = placed.body.data!.placeOrder.id;
    const archived = await send<{ archiveProduct: { id: string; archivedAt: string | null } }>(OPS.ArchiveProduct, { id }, staff);
    expect(archived.body.data?.archiveProduct.archivedAt).toEqual(expect.any(String));

    const listed = await send<{ products: { edges: Array<{ node: { id: string } }> } }>(contractOperation('Products'), { first: 100 });
    expect(listed.body.data!.products.edges.map((edge) => edge.node.id)).not.toContain(id);
    const archivedList = await send<{ products: { edges: Array<{ node: { id: string } }> } }>(contractOperation('Products'), { first: 100, filter: { archived: true } }, staff);
    expect(archivedList.body.data!.products.edges.map((edge) => edge.node.id)).toEqual([id]);
    const customer = { authorization: await bearer('CUSTOMER') };
    const peek = await send(contractOperation('Products'), { first: 100, filter: { archived: true } }, customer);
    expect(onlyError(peek).extensions).toMatchObject({ code: 'FORBIDDEN' });

    const refused = await send(contractOperation('PlaceOrder'), { input: { items: [{ productId: id, quantity: 1 }] } });
    expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const order = await send<{ order: { items: Array<{ product: { id: string; archivedAt: string | null } | null }> } }>(
      'query ($id: ID!) { order(id: $id) { items { product { id archivedAt } } } }',
      { id: orderId },
    );
    expect(order.body.data?.order.items).toEqual([{ product: { id, archivedAt: archived.body.data!.archiveProduct.archivedAt } }]);

    const back = await send<{ unarchiveProduct: { archivedAt: string | null } }>(OPS.UnarchiveProduct, { id }, staff);
    expect(back.body.data?.unarchiveProduct.archivedAt).toBeNull();
    const relisted = await send<{ products: { edges: Array<{ node: { id: string } }> } }>(contractOperation('Products'), { first: 100 });
    expect(relisted.body.data!.products.edges.map((edge) => edge.node.id)).toContain(id);
  });
});
