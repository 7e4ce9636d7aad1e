import { byIdLoader, type PrismaClient } from '@bodega/db';

/** Per-request batching: one query per kind of thing a request touches. */
export function createLoaders(prisma: PrismaClient) {
  return {
    conversation: byIdLoader((ids) => prisma.conversation.findMany({ where: { id: { in: ids } } })),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
