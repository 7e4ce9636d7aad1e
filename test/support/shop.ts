import { faker } from '@faker-js/faker';
import { contractOperation, startStack, type GraphQLResponse, type Stack, type StackOptions } from './stack';

export interface Shopper {
  id: string;
  email: string;
  authorization: string;
}

export interface PlacedOrder {
  id: string;
  status: string;
  total: { amount: string; currencyCode: string };
  items: Array<{ quantity: number; product: { id: string; name: string; stock: number } }>;
  customer: { id: string; email: string };
}

/**
 * Signs the first account up so it takes the ADMIN seat; every shopper after it is a CUSTOMER.
 * Call once per stack, before any `signUpShopper`.
 */
export async function takeAdminSeat(stack: Stack): Promise<Shopper> {
  return signUp(stack);
}

/**
 * A fresh stack, Faker seeded with `seed`, the ADMIN seat taken and one CUSTOMER signed up: what
 * a test file about shopping starts from (in beforeAll; close the stack in afterAll).
 */
export async function openShop(seed: number, options?: StackOptions): Promise<{ stack: Stack; shopper: Shopper }> {
  faker.seed(seed);
  const stack = await startStack(options);
  await takeAdminSeat(stack);
  return { stack, shopper: await signUpShopper(stack) };
}

export async function signUpShopper(stack: Stack): Promise<Shopper> {
  return signUp(stack);
}

async function signUp(stack: Stack): Promise<Shopper> {
  const input = { email: faker.internet.email().toLowerCase(), password: 'correct horse battery 9', name: faker.person.fullName() };
  const response = await stack.request<{ signUp: { accessToken: string; user: { id: string; email: string } } }>(
    contractOperation('SignUp'),
    { input },
    { authorization: '' },
  );
  const payload = response.body.data?.signUp;
  if (!payload) throw new Error(`SignUp failed: ${JSON.stringify(response.body.errors)}`);
  return { id: payload.user.id, email: payload.user.email, authorization: `Bearer ${payload.accessToken}` };
}

/** A product made by staff through the gateway (price in EUR unless given). */
export async function createProduct(
  stack: Stack,
  input: { stock: number; price?: string | null; lowStockThreshold?: number; currencyCode?: string },
): Promise<{ id: string; name: string }> {
  const response = await stack.request<{ createProduct: { id: string; name: string } }>(contractOperation('CreateProduct'), {
    input: {
      name: `${faker.commerce.productName()} ${faker.string.alphanumeric(6)}`,
      description: faker.commerce.productDescription(),
      categoryId: '638',
      stock: input.stock,
      lowStockThreshold: input.lowStockThreshold ?? 0,
      price: input.price === null ? null : { amount: input.price ?? '10.00', currencyCode: input.currencyCode ?? 'EUR' },
    },
  });
  const product = response.body.data?.createProduct;
  if (!product) throw new Error(`CreateProduct failed: ${JSON.stringify(response.body.errors)}`);
  return product;
}

export function placeOrder(
  stack: Stack,
  shopper: Shopper,
  items: Array<{ productId: string; quantity: number }>,
  idempotencyKey?: string,
): Promise<GraphQLResponse<{ placeOrder: PlacedOrder }>> {
  return stack.request(contractOperation('PlaceOrder'), { input: { items, idempotencyKey } }, { authorization: shopper.authorization });
}

export async function stockOf(stack: Stack, productId: string): Promise<number> {
  const product = await stack.prisma.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true } });
  return product.stock;
}
