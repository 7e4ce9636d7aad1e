import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export interface PrismaOptions {
  /** Pool size per process. Default: 10. */
  maxConnections?: number;
}

/** One Prisma client per process, over node-postgres (no Rust engine). */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
