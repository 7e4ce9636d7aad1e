import { AccessTokens, type Role } from '@bodega/auth';
import { randomUUID } from 'node:crypto';

/** The secret every test server shares, as one deployment's services share JWT_SECRET. */
export const TEST_JWT_SECRET = 'bodega-test-secret-0123456789abcdef0123456789';
export const testTokens = new AccessTokens(TEST_JWT_SECRET);

/** A valid access token for a user with this role (no account needed: services trust the signature). */
export async function bearer(role: Role, userId: string = randomUUID()): Promise<string> {
  const { token } = await testTokens.issue({ id: userId, role });
  return `Bearer ${token}`;
}

let admin: Promise<string> | undefined;
/** One ADMIN token per test file: what the support helpers send unless a test says otherwise. */
export function adminBearer(): Promise<string> {
  admin ??= bearer('ADMIN');
  return admin;
}
