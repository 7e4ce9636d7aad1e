import { faker } from '@faker-js/faker';
import { contractOperation, startStack, type Stack } from '@bodega/testing/stack';
import { checkedRequest, onlyError } from './support/responses';

let stack: Stack;
const send = checkedRequest(() => stack);

beforeAll(async () => {
  faker.seed(1720);
  stack = await startStack();
});
afterAll(() => stack.close());

describe('bad input in plain words (issue 17)', () => {
  it('answers a stock beyond 32 bits with a coded BAD_USER_INPUT naming the field, not graphql-js wording', async () => {
    const response = await send(contractOperation('CreateProduct'), { input: { name: faker.commerce.productName(), stock: 3_000_000_000 } });
    const error = onlyError(response);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stock', reason: 'INT_RANGE' });
    expect(error.message).toBe('Stock is out of range: use a whole number from -2147483648 to 2147483647.');
    expect(error.message).not.toContain('cannot represent');
  });

  it('words a fractional quantity and a literal out of range the same way', async () => {
    const fractional = onlyError(await send(contractOperation('SellProduct'), { id: faker.string.uuid(), quantity: 1.5 }));
    expect(fractional.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(fractional.message).toBe('Quantity must be a whole number.');
    const literal = onlyError(await send(`mutation { sellProduct(id: "${faker.string.uuid()}", quantity: 9999999999) { id } }`));
    expect(literal.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(literal.message).toMatch(/^A number in the request is out of range/);
  });

  it('keeps paths out of messages of rules the server checks, with the field in extensions', async () => {
    const error = onlyError(await send(contractOperation('CreateProduct'), { input: { name: faker.commerce.productName(), stock: 1, lowStockThreshold: -1 } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lowStockThreshold' });
    expect(error.message).toBe('Low stock threshold must be 0 or more.');
  });
});
