// `npm run db:migrate`: applies pending migrations, then loads the product taxonomy.
// `npm run db:migrate -- --rolled-back <migration>` marks a failed migration as rolled back.
import { parseArgs } from 'node:util';
import { commonEnv, readEnv, z } from '@bodega/config';
import { createLogger } from '@bodega/logger';
import { loadTaxonomy } from '../taxonomy';
import { markRolledBack, migrate } from './migrate';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'rolled-back': { type: 'string' } }, strict: true });
  const env = readEnv({ DATABASE_URL: z.string().url(), LOG_LEVEL: commonEnv.LOG_LEVEL });
  const log = createLogger('db-migrate', env.LOG_LEVEL);

  const rolledBack = values['rolled-back'];
  if (rolledBack !== undefined) {
    await markRolledBack(env.DATABASE_URL, rolledBack);
    log.info({ migration: rolledBack }, 'marked the failed migration rolled back; it is applied again on the next run');
    return;
  }

  const { applied } = await migrate(env.DATABASE_URL, { log });
  const taxonomy = await loadTaxonomy(env.DATABASE_URL, { log });
  log.info({ applied, categories: taxonomy.categories, taxonomyUnchanged: taxonomy.skipped }, 'database ready');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // A person reads this: the message, not a JSON line with a stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`db:migrate failed: ${message}\n`);
  process.exitCode = 1;
});
