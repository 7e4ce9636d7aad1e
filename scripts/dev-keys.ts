import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSigningKey, parseSigningKeys, publicJwks, type SigningJwk } from '@bodega/auth';

export interface DevKeys {
  signingKeys: SigningJwk[];
  serviceSecret: string;
}

/**
 * The embedded default's keys, made once and kept in `dir` (.bodega/), so sessions survive a
 * restart: accounts' Ed25519 signing key (signing-keys.json, private; public-keys.json beside it
 * for reference) and the services' shared secret. Never used in production, nor for a value that
 * is configured.
 */
export async function devKeys(dir: string): Promise<DevKeys> {
  mkdirSync(dir, { recursive: true });
  const keysFile = join(dir, 'signing-keys.json');
  const secretFile = join(dir, 'service-secret');
  if (!existsSync(keysFile)) {
    const keys = [await generateSigningKey()];
    writePrivate(keysFile, `${JSON.stringify({ keys }, null, 2)}\n`);
    writeFileSync(join(dir, 'public-keys.json'), `${JSON.stringify(publicJwks(keys), null, 2)}\n`);
  }
  if (!existsSync(secretFile)) writePrivate(secretFile, `${randomBytes(48).toString('base64url')}\n`);
  return {
    signingKeys: await parseSigningKeys(readFileSync(keysFile, 'utf8'), keysFile),
    serviceSecret: readFileSync(secretFile, 'utf8').trim(),
  };
}

function writePrivate(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content, { mode: 0o600 });
}
