import { Client } from 'pg';

/** What the bench database's sessions were doing, averaged over the samples of a run. */
export interface DbActivity {
  samples: number;
  /** Sessions running a statement (or waiting inside one), on average. */
  active: number;
  /** Of those, waiting for a lock (a row lock held by another transaction, mostly), on average. */
  waitingOnLock: number;
  /** Sessions inside a transaction but between statements (waiting for the application), on average. */
  idleInTransaction: number;
  /** Wait events seen, as `type:event`, with how many session-samples had them. */
  waits: Record<string, number>;
}

const SAMPLE_MS = 100;

/**
 * Samples pg_stat_activity for the bench database every 100 ms while a scenario runs: whether
 * the sessions wait on the contended row's lock, on the application (idle in transaction)
 * or not at all shows where the time goes.
 */
export class DbActivitySampler {
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private totals = { samples: 0, active: 0, waitingOnLock: 0, idleInTransaction: 0 };
  private waits: Record<string, number> = {};

  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<DbActivitySampler> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-bench-db-activity' });
    await client.connect();
    return new DbActivitySampler(client);
  }

  start(): void {
    this.totals = { samples: 0, active: 0, waitingOnLock: 0, idleInTransaction: 0 };
    this.waits = {};
    this.timer = setInterval(() => {
      this.pending = this.pending.then(() => this.sample()).catch(() => undefined);
    }, SAMPLE_MS);
  }

  async stop(): Promise<DbActivity> {
    clearInterval(this.timer);
    await this.pending;
    const { samples, active, waitingOnLock, idleInTransaction } = this.totals;
    const mean = (total: number) => (samples ? total / samples : 0);
    return { samples, active: mean(active), waitingOnLock: mean(waitingOnLock), idleInTransaction: mean(idleInTransaction), waits: this.waits };
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.client.end();
  }

  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null }>(
      `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    this.totals.samples++;
    for (const row of rows) {
      if (row.state === 'active') {
        this.totals.active++;
        if (row.wait_event_type === 'Lock') this.totals.waitingOnLock++;
        if (row.wait_event_type) {
          const key = `${row.wait_event_type}:${row.wait_event}`;
          this.waits[key] = (this.waits[key] ?? 0) + 1;
        }
      } else if (row.state === 'idle in transaction') {
        this.totals.idleInTransaction++;
      }
    }
  }
}
