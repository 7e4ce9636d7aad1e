/**
 * What verifying a caller costs per request, in this process (no servers, no database):
 *
 *   npx tsx bench/access-tokens/main.ts [--iterations 200000]
 *
 * - a request with a token seen before: the verified-token cache, the key check and the user's
 *   standing, all in memory (what every request but a session's first pays, in each process);
 * - a token seen for the first time: the Ed25519 signature (and, for comparison, what HS256 cost);
 * - the gateway signing one subgraph call and the subgraph checking it (HMAC-SHA256 over the
 *   headers and the body of a SellProduct request).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  AccessTokenSigner,
  AccessTokenVerifier,
  generateSigningKey,
  GATEWAY_CALLER,
  InternalSigner,
  InternalVerifier,
  type SignedRequest,
  type StandingSource,
} from '@bodega/auth';
import { jwtVerify, SignJWT } from 'jose';
import { benchOptions, count } from '../lib/options';
import { commandLine, machine, table, writeReport } from '../lib/report';
import { runBench } from '../lib/run';

/** The access-tokens bench's options: `--iterations` / `BENCH_ITERATIONS` (bench/lib/options.ts). */
export const accessTokenOptions = benchOptions({
  iterations: count(200_000, 1000, 100_000_000).describe('calls of the cheapest checks; the costly ones run a tenth or less'),
});
const { iterations } = accessTokenOptions.parse(process.argv.slice(2), process.env);

/** Mean time of `once(i)` for i = 0 … runs - 1, after 1,000 unmeasured calls of `warm` (default: `once`). */
async function time(label: string, runs: number, once: (i: number) => unknown, warm: (i: number) => unknown = once): Promise<[string, string]> {
  for (let i = 0; i < 1000; i++) await warm(i);
  const started = performance.now();
  for (let i = 0; i < runs; i++) await once(i);
  const perOpUs = ((performance.now() - started) * 1000) / runs;
  return [label, `${perOpUs < 10 ? perOpUs.toFixed(2) : perOpUs.toFixed(1)} µs`];
}

async function main() {
  const signer = await AccessTokenSigner.create([await generateSigningKey()]);
  const user = { id: randomUUID(), role: 'STAFF' as const, sessionId: randomUUID() };
  const standing: StandingSource = { lookup: async (ids) => new Map(ids.map((id) => [id, { role: 'STAFF' as const, revokedSessions: [] }])) };
  const verifier = new AccessTokenVerifier({ keys: signer.jwks, standing });
  const { token } = await signer.issue(user);
  await verifier.verify(token);

  // Each verified once: 1,000 to warm up, 2,000 measured.
  const fresh = await Promise.all(Array.from({ length: 3000 }, () => signer.issue({ ...user, sessionId: randomUUID() })));
  const unchecked = new AccessTokenVerifier({ keys: signer.jwks, standing: 'unchecked' });
  const hsKey = new TextEncoder().encode('a-shared-secret-of-the-old-kind-0123456789');
  const hsToken = await new SignJWT({ role: 'STAFF' }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setExpirationTime('15m').sign(hsKey);

  const secret = 'bench-service-secret-0123456789abcdef0123';
  const gateway = new InternalSigner(secret, GATEWAY_CALLER);
  const check = new InternalVerifier(secret);
  const body = JSON.stringify({
    query: 'mutation SellProduct($id: ID!, $quantity: Int!) { sellProduct(id: $id, quantity: $quantity) { id stock } }',
    variables: { id: randomUUID(), quantity: 1 },
  });
  const request: SignedRequest = { kind: 'http', method: 'POST', target: '/graphql', authorization: `Bearer ${token}`, clientIp: '203.0.113.7', body };
  const signature = gateway.sign(request);

  const rows = [
    await time('token seen before: cache, key and standing (every request but the first)', iterations, () => verifier.verify(token)),
    await time(
      'token seen first: Ed25519 signature and claims (once per token per process)',
      2000,
      (i) => unchecked.verify(fresh[1000 + i]!.token),
      (i) => unchecked.verify(fresh[i]!.token),
    ),
    await time('for comparison: an HS256 signature, as before', iterations / 10, () => jwtVerify(hsToken, hsKey)),
    await time('gateway signs one subgraph call (HMAC-SHA256, body hashed)', iterations, () => gateway.sign(request)),
    await time('subgraph checks that signature', iterations, () => check.verify(signature, request)),
  ];
  await writeReport('access-tokens', { bench: 'access-tokens', command: commandLine('bench/access-tokens/main.ts'), machine: machine(), iterations, rows }, [
    `Node ${process.version}, ${iterations} iterations`,
    table(['what', 'per request'], rows),
  ]);
}

runBench(main);
