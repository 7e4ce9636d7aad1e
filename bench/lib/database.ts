import { createPrismaClient, loadTaxonomy, migrate } from '@bodega/db';
import type { Logger } from '@bodega/logger';
import { Client } from 'pg';
import { benchDatabaseName } from './options';
import { seedProducts, type SeedResult } from './seed';

export interface PrepareOptions {
  products: number;
  log: Logger;
}

/**
 * Drops and recreates the bench database, migrates it, loads the taxonomy and seeds
 * products, so every run starts from the same rows.
 */
export async function prepareBenchDatabase(databaseUrl: string, options: PrepareOptions): Promise<SeedResult> {
  await recreateDatabase(databaseUrl);
  await migrate(databaseUrl, { log: options.log });
  await loadTaxonomy(databaseUrl, { log: options.log });
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
  try {
    return await seedProducts(prisma, options.products);
  } finally {
    await prisma.$disconnect();
  }
}

/** Drops the bench database (whatever still holds it open) and creates it empty. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = benchDatabaseName(databaseUrl);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), application_name: 'bodega-bench' });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    // FORCE: a server left over from an interrupted run must not keep the database alive.
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}
