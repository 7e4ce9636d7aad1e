import type { AccessTokenVerifier, Identity } from '@bodega/auth';
import { unauthenticated } from '@bodega/errors';
import { createLogger } from '@bodega/logger';
import { requestContext, withRequest } from '../src/request-context';

const serviceLog = createLogger('products', 'silent');
const requestLog = serviceLog.child({ requestId: 'r-1' });
const person: Identity = { userId: 'u-1', role: 'CUSTOMER' } as Identity;

const verifier = (answer: () => Promise<Identity | null>) => ({ fromAuthorization: answer }) as unknown as AccessTokenVerifier;

describe("a subgraph's request context", () => {
  it("logs under the request's logger, not the process's", async () => {
    const request = await requestContext(verifier(async () => person), { requestId: 'r-1', log: requestLog, authorization: 'Bearer x' });
    const ctx = withRequest({ log: serviceLog, prisma: 'db' }, request);

    expect(ctx.log).toBe(requestLog);
    expect(ctx.requestId).toBe('r-1');
    expect(ctx.prisma).toBe('db');
    expect(ctx.identity).toBe(person);
  });

  it('throws the token’s refusal where a field asks who calls, and only there', async () => {
    const refusal = unauthenticated('Your session has ended; log in again.');
    const request = await requestContext(verifier(async () => Promise.reject(refusal)), { requestId: 'r-2', log: requestLog, authorization: 'Bearer stale' });
    const ctx = withRequest({ log: serviceLog }, request);

    expect(ctx.requestId).toBe('r-2');
    expect(() => ctx.identity).toThrow(refusal);
    // Apollo Server copies the context per request: the refusal survives the copy.
    expect(() => Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as typeof ctx, ctx).identity).toThrow(refusal);
  });
});
