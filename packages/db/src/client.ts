import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export interface PrismaOptions {
  /** Pool size per process. Default: 10. */
  maxConnections?: number;
}

/** One Prisma client per process, over node-postgres (no Rust engine). */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // Prisma's defaults (2 s to get a connection, 5 s to finish) fail orders under a burst on one
  // product, where transactions queue for the pool and the row lock: wait, don't fail.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

export type { PrismaClient };
