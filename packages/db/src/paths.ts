import path from 'node:path';

/** The repository root: packages/db/src is three levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');

export const PRISMA_SCHEMA_FILE = path.join(REPO_ROOT, 'prisma', 'schema.prisma');

export const TAXONOMY_FILE = path.join(REPO_ROOT, 'data', 'google-product-taxonomy-with-ids.en-US.txt');
