export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay connection as resolvers return it. */
export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount?: () => Promise<number>;
}

/** A connection whose `totalCount` the schema offers. */
export type CountedConnection<T> = Connection<T> & { totalCount: () => Promise<number> };

interface ConnectionOptions<Row, Node> {
  node?: (row: Row) => Node;
  totalCount?: () => Promise<number>;
}

/**
 * One page from rows fetched with `take: first + 1`: the extra row only says there is a next page.
 * `node` maps a row to what the page holds (default: the row itself).
 */
export function connection<Row, Node = Row>(
  rows: readonly Row[],
  first: number,
  cursorOf: (row: Row) => string,
  options: ConnectionOptions<Row, Node> & { totalCount: () => Promise<number> },
): CountedConnection<Node>;
export function connection<Row, Node = Row>(rows: readonly Row[], first: number, cursorOf: (row: Row) => string, options?: ConnectionOptions<Row, Node>): Connection<Node>;
export function connection<Row, Node = Row>(
  rows: readonly Row[],
  first: number,
  cursorOf: (row: Row) => string,
  options: ConnectionOptions<Row, Node> = {},
): Connection<Node> {
  const node = options.node ?? ((row: Row) => row as unknown as Node);
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: node(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    ...(options.totalCount ? { totalCount: options.totalCount } : {}),
  };
}

export const emptyConnection = <T>(): Connection<T> => ({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
