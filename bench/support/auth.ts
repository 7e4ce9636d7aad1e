import { AccessTokens } from '@bodega/auth';

/** The bench's own secret: servers verify with it, the load generator signs a STAFF token with it. */
export const BENCH_JWT_SECRET = 'bodega-bench-secret-not-for-production-0123456789';
export const benchTokens = new AccessTokens(BENCH_JWT_SECRET);

let staff: Promise<string> | undefined;
/** `Authorization` for writes (sellProduct needs STAFF or ADMIN). */
export function staffAuthorization(): Promise<string> {
  staff ??= benchTokens.issue({ id: '00000000-0000-4000-8000-000000000001', role: 'STAFF' }).then(({ token }) => `Bearer ${token}`);
  return staff;
}
