import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@bodega/logger';
import { serveOverWire } from './wire-server';

export { serveOverWire, type WireServer } from './wire-server';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** The whole data directory as a tarball, to start another embedded database from (`loadFrom`). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives; omitted: in memory, gone at stop(). */
  dataDir?: string;
  /** Start from this data directory dump (`PGlite.dumpDataDir()`) instead of an empty database. */
  loadFrom?: Blob;
  /** Default: 0 (a free port). */
  port?: number;
  log?: Logger;
}

/**
 * PGlite (Postgres compiled to WASM) served over the Postgres wire protocol, so Prisma and pg
 * connect to it exactly as to a real server.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadFrom });
  const wire = await serveOverWire(db, { port: options.port ?? 0, log: options.log });
  return {
    url: `postgresql://postgres@127.0.0.1:${wire.port}/postgres?sslmode=disable`,
    port: wire.port,
    dump: () => db.dumpDataDir('none'),
    stop: async () => {
      await wire.stop();
      await db.close();
    },
  };
}
