import { faker } from '@faker-js/faker';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded';

faker.seed(34000);

describe('the embedded database served over the wire', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    const setup = new Client({ connectionString: embedded.url });
    await setup.connect();
    await setup.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
    await setup.end();
  });
  afterAll(() => embedded.stop());

  it('keeps every connection’s statements apart while others run transactions (no lost portal)', async () => {
    const pool = new Pool({ connectionString: embedded.url, max: 6 });
    const failures: string[] = [];
    const wrong: number[] = [];
    await Promise.all(
      Array.from({ length: 240 }, async (_, i) => {
        try {
          if (i % 3 === 0) {
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query('INSERT INTO notes VALUES ($1, $2)', [i, faker.lorem.words(3)]);
              await client.query('SELECT body FROM notes WHERE id = $1', [i]);
              await client.query('COMMIT');
            } finally {
              client.release();
            }
          } else {
            const { rows } = await pool.query<{ n: number; word: string }>('SELECT $1::int AS n, $2::text AS word', [i, `w${i}`]);
            if (rows[0]?.n !== i || rows[0]?.word !== `w${i}`) wrong.push(i);
          }
        } catch (error) {
          failures.push(String(error));
        }
      }),
    );
    await pool.end();
    expect(failures).toEqual([]);
    expect(wrong).toEqual([]);
    const check = new Client({ connectionString: embedded.url });
    await check.connect();
    const { rows } = await check.query<{ count: string }>('SELECT count(*) FROM notes');
    await check.end();
    expect(Number(rows[0]!.count)).toBe(80);
  });

  it('rolls back the transaction of a connection that goes away, and serves the next one', async () => {
    const quitter = new Client({ connectionString: embedded.url });
    quitter.on('error', () => undefined);
    await quitter.connect();
    await quitter.query('BEGIN');
    await quitter.query('INSERT INTO notes VALUES ($1, $2)', [100_001, 'never committed']);
    // Waits for the session: the quitter's transaction owns it until it goes away.
    const waiting = new Client({ connectionString: embedded.url });
    const answer = waiting.connect().then(() => waiting.query<{ count: string }>('SELECT count(*) FROM notes WHERE id = 100001'));
    (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await answer;
    await waiting.end();
    expect(Number(rows[0]!.count)).toBe(0);
  });
});
