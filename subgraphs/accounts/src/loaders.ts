import { byIdLoader, type PrismaClient } from '@bodega/db';

/** Per-request batching: one query for every user a request touches. */
export function createLoaders(prisma: PrismaClient) {
  return {
    user: byIdLoader((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
