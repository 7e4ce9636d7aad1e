// Closing the gateway drains it: what is in flight finishes, what is new is refused with an answer,
// readiness says 503, websockets close with 1001. (test/shutdown.test.ts does it with SIGTERM.)
import { faker } from '@faker-js/faker';
import { SHUTTING_DOWN_MESSAGE } from '@bodega/server-kit';
import WebSocket from 'ws';
import { createProduct, placeOrder, signUpShopper, takeAdminSeat } from '@bodega/testing/shop';
import { lockProduct } from '@bodega/testing/product-lock';
import { rawSocket } from '@bodega/testing/raw-ws';
import { startStack, type Stack } from '@bodega/testing/stack';
import { until } from '@bodega/testing/wait';

let stack: Stack;

beforeAll(async () => {
  faker.seed(1212);
  stack = await startStack({ redis: true });
});
afterAll(() => stack.close()); // the gateway's close is the one the test started

function refusedUpgrade(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('a websocket was accepted while the gateway drained')));
    ws.once('error', () => undefined);
  });
}

describe('closing the gateway while an order is being placed', () => {
  it('answers the order in flight, refuses new work with 503 meanwhile, then closes websockets with 1001', async () => {
    await takeAdminSeat(stack);
    const shopper = await signUpShopper(stack);
    const product = await createProduct(stack, { stock: 5 });
    const socket = await rawSocket(stack.gateway.url);
    await socket.init();
    socket.send({ id: 'stock', type: 'subscribe', payload: { query: 'subscription { stockChanged { stock } }' } });
    await until(() => stack.gateway.subscriptions.stats().subscribers === 1, () => 'the subscription');

    const lock = await lockProduct(stack.db.url, product.id);
    const inFlight = placeOrder(stack, shopper, [{ productId: product.id, quantity: 2 }]);
    await lock.untilAnOrderWaits();

    let closed = false;
    const closing = stack.gateway.close({ graceMs: 20_000 }).then(() => (closed = true));

    const ready = await fetch(new URL('/ready', stack.gateway.url));
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'draining' }]);
    const refused = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ errors: [{ message: SHUTTING_DOWN_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect(await refusedUpgrade(stack.gateway.url)).toBe(503);
    expect(closed).toBe(false);

    await lock.release();
    await lock.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.placeOrder).toMatchObject({ status: 'PLACED', customer: { id: shopper.id, email: shopper.email } });

    await closing;
    expect(await socket.closed).toEqual({ code: 1001, reason: 'Going away' });
    // The subscription saw the order's stock change before its socket closed.
    expect(socket.messages.filter((message) => message.type === 'next').map((message) => message.payload.data.stockChanged.stock)).toEqual([3]);
  });
});
