/**
 * `npm run keys`: accounts' Ed25519 signing keys and the services' shared secret.
 *
 *   npm run keys                      a new key set with one key (ACCOUNTS_SIGNING_KEYS), on stdout
 *   npm run keys -- rotate < set.json the set with a new key first (it signs; the old ones still verify)
 *   npm run keys -- retire < set.json the set without its last key (once its tokens have expired: 15 min)
 *   npm run keys -- public < set.json the public halves (ACCESS_TOKEN_JWKS), to give verifiers
 *   npm run keys -- secret            a new SERVICE_SECRET
 *   npm run keys -- init <dir> [<dir>]  writes signing-keys.json into the first directory and
 *                                     service-secret into the last, unless they exist (docker-compose)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, parseSigningKeys, publicJwks } from '@bodega/auth';
import { createLogger } from '@bodega/logger';

const log = createLogger('keys');
const print = (value: unknown) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
const newSecret = () => randomBytes(48).toString('base64url');

async function stdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(command = 'new', ...args: string[]) {
  switch (command) {
    case 'new':
      return print({ keys: [await generateSigningKey()] });
    case 'rotate':
      return print({ keys: [await generateSigningKey(), ...(await parseSigningKeys(await stdin(), 'stdin'))] });
    case 'retire': {
      const keys = await parseSigningKeys(await stdin(), 'stdin');
      if (keys.length < 2) throw new Error('The set has one key: rotate first, retire the old key 15 minutes later.');
      return print({ keys: keys.slice(0, -1) });
    }
    case 'public':
      return print(publicJwks(await parseSigningKeys(await stdin(), 'stdin')));
    case 'secret':
      return print(newSecret());
    case 'init': {
      const [keysDir, secretDir = keysDir] = args;
      if (!keysDir) throw new Error('init <keys dir> [<secret dir>]');
      mkdirSync(keysDir, { recursive: true });
      mkdirSync(secretDir!, { recursive: true });
      const keysFile = join(keysDir, 'signing-keys.json');
      const secretFile = join(secretDir!, 'service-secret');
      if (!existsSync(keysFile)) writeFileSync(keysFile, JSON.stringify({ keys: [await generateSigningKey()] }), { mode: 0o600 });
      // Read by every service's user: not world-readable, but group-readable in the shared volume.
      if (!existsSync(secretFile)) writeFileSync(secretFile, newSecret(), { mode: 0o640 });
      return log.info({ keysFile, secretFile }, 'keys ready');
    }
    default:
      throw new Error(`Unknown command "${command}": new, rotate, retire, public, secret or init.`);
  }
}

main(...process.argv.slice(2)).catch((error: unknown) => {
  log.fatal({ err: error }, (error as Error).message);
  process.exit(1);
});
