import { AccessTokens } from '@bodega/auth';

/** The bench's own secret: servers verify with it, the load generator signs a STAFF token with it. */
export const BENCH_JWT_SECRET = 'bodega-bench-secret-not-for-production-0123456789';
export const benchTokens = new AccessTokens(BENCH_JWT_SECRET);

const STAFF_ID = '00000000-0000-4000-8000-000000000001';

let staff: Promise<string> | undefined;
/** `Authorization` for writes (sellProduct needs STAFF or ADMIN). */
export function staffAuthorization(): Promise<string> {
  staff ??= freshStaffAuthorization();
  return staff;
}

/** A STAFF `Authorization` signed now, for load that may outlast a cached token (15 minutes). */
export async function freshStaffAuthorization(): Promise<string> {
  const { token } = await benchTokens.issue({ id: STAFF_ID, role: 'STAFF' });
  return `Bearer ${token}`;
}
