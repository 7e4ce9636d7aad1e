// X-Bodega-Signature, the scheme Stripe's webhooks use: the signature covers a timestamp with the
// body, so a captured delivery cannot be replayed once the receiver's tolerance has passed.
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far a signature's timestamp may be from the receiver's clock. Every attempt is signed
 * afresh, so only a replay (or a clock that is minutes off) falls outside it.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The scheme's version tag; a receiver ignores entries it does not know. */
const SCHEME = 'v1';

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * The X-Bodega-Signature value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>`,
 * keyed with ALERT_WEBHOOK_SECRET.
 */
export function signAlert(body: string | Buffer, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},${SCHEME}=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureVerdict =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'malformed' | 'mismatch' | 'outside tolerance' };

/**
 * What a receiver does (the n8n workflow does the same in JavaScript): parse the header, compare
 * every `v1` entry in constant time with the HMAC of the raw body, then check the timestamp.
 * Several `v1` entries are accepted so a sender can sign with two secrets while one is rotated.
 */
export function verifyAlertSignature(
  header: string | undefined,
  body: string | Buffer,
  secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): SignatureVerdict {
  const entries = (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string?]);
  const timestamp = Number(entries.find(([key]) => key === 't')?.[1]);
  const signatures = entries.filter(([key, value]) => key === SCHEME && value).map(([, value]) => value!);
  if (!Number.isSafeInteger(timestamp) || signatures.length === 0) return { valid: false, reason: 'malformed' };

  const expected = Buffer.from(hmacHex(secret, timestamp, body));
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { valid: false, reason: 'mismatch' };

  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) {
    return { valid: false, reason: 'outside tolerance' };
  }
  return { valid: true, timestamp };
}
