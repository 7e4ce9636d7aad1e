import DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Row ids are UUIDs, opaque to clients: anything else names nothing (and never reaches Postgres). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A per-request loader of rows by id: every id a request asks for in one tick becomes one query.
 * Ids that are not UUIDs are answered null without asking.
 */
export function byIdLoader<Row extends { id: string }>(fetch: (ids: string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length > 0 ? await fetch(valid) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
