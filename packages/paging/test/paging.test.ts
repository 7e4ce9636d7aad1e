import { connection, createdAtCursor, createdAtCursorOf, cursorCodec, pageArgs } from '../src';
import { z } from 'zod';
import { faker } from '@faker-js/faker';

faker.seed(13);

describe('@bodega/paging', () => {
  it('defaults first to 20 and refuses pages over 100 or under 1', () => {
    expect(pageArgs.parse({})).toEqual({ first: 20 });
    expect(pageArgs.safeParse({ first: 101 }).success).toBe(false);
    expect(pageArgs.safeParse({ first: 0 }).success).toBe(false);
  });

  it('turns a page fetched with one row extra into edges, cursors and hasNextPage', () => {
    const rows = Array.from({ length: 4 }, () => ({ id: faker.string.uuid(), createdAt: faker.date.past() }));
    const page = connection(rows, 3, createdAtCursorOf);
    expect(page.edges.map((edge) => edge.node)).toEqual(rows.slice(0, 3));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[2]!.cursor });
    expect(createdAtCursor.decode(page.pageInfo.endCursor!)).toEqual({ createdAt: rows[2]!.createdAt.toISOString(), id: rows[2]!.id });
    expect(connection(rows.slice(0, 2), 3, createdAtCursorOf).pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a forged or foreign cursor with BAD_USER_INPUT on after', () => {
    const ordinal = cursorCodec(z.object({ ordinal: z.number().int() }));
    for (const forged of ['garbage', Buffer.from('{"createdAt":"yesterday","id":"x"}').toString('base64url'), ordinal.encode({ ordinal: 3 })]) {
      expect(() => createdAtCursor.decode(forged)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    }
  });
});
