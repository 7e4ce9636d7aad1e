import DataLoader from 'dataloader';
import type { PrismaClient, User } from '@bodega/db';
import { isUuid } from './services/ids';

/** Per-request batching: one query for every user a request touches. */
export function createLoaders(prisma: PrismaClient) {
  return {
    user: new DataLoader<string, User | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await prisma.user.findMany({ where: { id: { in: valid } } }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
