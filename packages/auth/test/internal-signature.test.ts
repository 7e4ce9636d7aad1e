import { InternalSigner, InternalVerifier, SIGNATURE_TOLERANCE_SECONDS, type SignedRequest } from '../src';

const SECRET = 'internal-signature-test-secret-0123456789';
const request: SignedRequest = {
  kind: 'http',
  method: 'POST',
  target: '/graphql',
  authorization: 'Bearer abc',
  clientIp: '203.0.113.7',
  body: '{"query":"{ me { id } }"}',
};

describe('internal request signatures', () => {
  const verifier = new InternalVerifier(SECRET);
  const gateway = new InternalSigner(SECRET, 'gateway');

  it('name the caller and the client address they were signed with', () => {
    expect(verifier.verify(gateway.sign(request), request)).toEqual({ name: 'gateway', clientIp: '203.0.113.7' });
    expect(verifier.verify(new InternalSigner(SECRET, 'orders').sign(request), request)).toEqual({ name: 'orders', clientIp: '203.0.113.7' });
  });

  it.each([
    ['another client address', { clientIp: '198.51.100.1' }],
    ['another Authorization', { authorization: 'Bearer someone-else' }],
    ['another body', { body: '{"query":"{ users { totalCount } }"}' }],
    ['another path', { target: '/internal/standing' }],
    ['a WebSocket instead of HTTP', { kind: 'ws' as const }],
  ])('refuse a signature over the same request with %s', (_what, change) => {
    expect(verifier.verify(gateway.sign(request), { ...request, ...change })).toBeNull();
  });

  it('refuse a signature made with another secret, an edited caller, or none', () => {
    expect(verifier.verify(new InternalSigner(`${SECRET}-other`, 'gateway').sign(request), request)).toBeNull();
    expect(verifier.verify(gateway.sign(request).replace('caller=gateway', 'caller=orders'), request)).toBeNull();
    expect(verifier.verify(undefined, request)).toBeNull();
    expect(verifier.verify('t=1,caller=gateway,v1=zz', request)).toBeNull();
  });

  it(`refuse a signature more than ${SIGNATURE_TOLERANCE_SECONDS} s from now, either way`, () => {
    const now = Date.now();
    const drift = (SIGNATURE_TOLERANCE_SECONDS + 5) * 1000;
    expect(verifier.verify(gateway.sign(request, now - drift), request, now)).toBeNull();
    expect(verifier.verify(gateway.sign(request, now + drift), request, now)).toBeNull();
    expect(verifier.verify(gateway.sign(request, now - 10_000), request, now)).not.toBeNull();
  });

  it('need a secret of at least 32 characters', () => {
    expect(() => new InternalVerifier('short')).toThrow(/at least 32/);
  });
});
