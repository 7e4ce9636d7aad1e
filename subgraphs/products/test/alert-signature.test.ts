import { createHmac } from 'node:crypto';
import { faker } from '@faker-js/faker';
import { SIGNATURE_TOLERANCE_SECONDS, signAlert, verifyAlertSignature } from '../src/alerts/signature';

const SECRET = 'signature-test-secret-0123456789';

beforeAll(() => faker.seed(5011));

describe('X-Bodega-Signature (t=<unix>,v1=<hmac of "t." + body>)', () => {
  const body = () => JSON.stringify({ alert_id: faker.string.uuid(), current_stock: faker.number.int(9) });

  it('signs the timestamp with the body, as Stripe does', () => {
    const text = body();
    expect(signAlert(text, SECRET, 1_790_000_000)).toBe(
      `t=1790000000,v1=${createHmac('sha256', SECRET).update(`1790000000.${text}`).digest('hex')}`,
    );
  });

  it('verifies a fresh signature and one from the edge of the 5-minute tolerance', () => {
    const text = body();
    const now = Date.now();
    const t = Math.floor(now / 1000);
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    expect(verifyAlertSignature(signAlert(text, SECRET, t), text, SECRET, { now })).toEqual({ valid: true, timestamp: t });
    expect(verifyAlertSignature(signAlert(text, SECRET, t - 300), text, SECRET, { now }).valid).toBe(true);
  });

  it('refuses a captured delivery replayed after the tolerance, whatever else is right', () => {
    const text = body();
    const header = signAlert(text, SECRET);
    expect(verifyAlertSignature(header, text, SECRET, { now: Date.now() + 301_000 })).toEqual({ valid: false, reason: 'outside tolerance' });
  });

  it('refuses another body, another secret, an edited timestamp and headers it cannot read', () => {
    const text = body();
    const header = signAlert(text, SECRET);
    const v1 = header.split(',')[1];
    expect(verifyAlertSignature(header, `${text} `, SECRET)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyAlertSignature(signAlert(text, 'another-secret-0123456789'), text, SECRET)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyAlertSignature(`t=${Math.floor(Date.now() / 1000) + 5},${v1}`, text, SECRET)).toEqual({ valid: false, reason: 'mismatch' });
    for (const malformed of [undefined, '', v1, 't=abc,v1=00', `sha256=${'0'.repeat(64)}`]) {
      expect(verifyAlertSignature(malformed, text, SECRET)).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('accepts any of several v1 entries, so a secret can be rotated', () => {
    const text = body();
    const t = Math.floor(Date.now() / 1000);
    const old = signAlert(text, 'the-old-secret-0123456789', t).split(',')[1];
    expect(verifyAlertSignature(`${signAlert(text, SECRET, t)},${old}`, text, SECRET).valid).toBe(true);
    expect(verifyAlertSignature(`t=${t},${old},${signAlert(text, SECRET, t).split(',')[1]}`, text, SECRET).valid).toBe(true);
  });
});
