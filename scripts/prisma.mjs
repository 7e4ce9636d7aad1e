// Every Prisma CLI call the project makes goes through here: `node scripts/prisma.mjs generate`.
// `prisma generate` needs no schema engine, but the CLI insists on finding one and would download
// it (no network here). Point it at an existing file it never runs. The CLI also reports to
// checkpoint.prisma.io on every command unless CHECKPOINT_DISABLE is set: Bodega never phones home.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1',
};
const cli = require.resolve('prisma/build/index.js');
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, [cli, ...(args.length > 0 ? args : ['generate'])], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
