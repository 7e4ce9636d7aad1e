import { randomUUID } from 'node:crypto';
import type { Role, StandingSource } from '@bodega/auth';
import { migrate } from '@bodega/db';
import type { Logger } from '@bodega/logger';
import { benchSigner } from './auth';
import { recreateDatabase } from './database';
import { benchDatabaseName } from './options';

/** The chat benches' database: dropped, recreated and migrated on every run (its name must contain "bench"). */
export async function prepareChatDatabase(databaseUrl: string, log: Logger): Promise<void> {
  const name = benchDatabaseName(databaseUrl);
  if (!name.includes('bench')) throw new Error(`BENCH_DATABASE_URL names "${name}": the chat benches drop it, so its name must contain "bench".`);
  await recreateDatabase(databaseUrl);
  await migrate(databaseUrl, { log });
}

/** Users the bench made up: no accounts subgraph runs, so their standing is answered from here. */
export class BenchUsers {
  private readonly roles = new Map<string, Role>();

  readonly standing: StandingSource = {
    lookup: async (ids) => new Map(ids.filter((id) => this.roles.has(id)).map((id) => [id, { role: this.roles.get(id)!, revokedSessions: [] }])),
  };

  async authorization(role: Role): Promise<{ id: string; authorization: string }> {
    const id = randomUUID();
    this.roles.set(id, role);
    const { token } = await (await benchSigner()).issue({ id, role, sessionId: randomUUID() });
    return { id, authorization: `Bearer ${token}` };
  }
}

/** p-th percentile (0..100) of unsorted samples, in their unit. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
