import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).
// Its Algorithm is an ambient const enum, which isolatedModules cannot read, so the default stands
// (a test checks the stored hash says argon2id).

export const PASSWORD_RULE = 'Use at least 10 characters, with at least two of: letters, digits, other characters.';
export const PASSWORD_MAX_LENGTH = 200;

/** Letters, digits and everything else: a password must draw on at least two of these. */
export function characterClasses(password: string): number {
  const letters = /\p{L}/u.test(password);
  const digits = /\p{N}/u.test(password);
  const others = /[^\p{L}\p{N}]/u.test(password);
  return [letters, digits, others].filter(Boolean).length;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Unknown emails are checked against this, so a miss costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hash(randomBytes(24).toString('base64url'));
  return dummyHash;
}

/** Verifies against the user's hash, or against a dummy one when there is no such user (same cost). */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await dummy());
  try {
    const ok = await verify(target, password);
    return passwordHash !== null && ok;
  } catch {
    return false; // a malformed stored hash never matches
  }
}
