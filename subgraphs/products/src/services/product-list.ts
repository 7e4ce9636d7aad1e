import { STAFF_ROLES, requireRole } from '@bodega/auth';
import { Prisma, type Product } from '@bodega/db';
import { parseInput } from '@bodega/errors';
import { connection, type CountedConnection, type Edge } from '@bodega/paging';
import type { Context } from '../context';
import { requireCategoryId } from './categories';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';
import { pageArgs } from './product-input';

export type ProductPage = CountedConnection<Product>;
export type ProductEdgeModel = Edge<Product>;

interface Row {
  id: string;
  created_at: Date;
  rank: number | null;
}

/**
 * Relay connection over products: newest first, or by full-text relevance when
 * searching. Keyset paging on (sort key, id), so pages stay stable under inserts.
 */
export async function listProducts(ctx: Context, args: unknown): Promise<ProductPage> {
  const { first, after, filter } = parseInput(pageArgs, args);
  const search = filter?.search || null;
  const kind: Cursor['kind'] = search ? 'relevance' : 'newest';
  const cursor = after ? decodeCursor(after, kind) : null;
  const categoryId = filter?.categoryId ? await requireCategoryId(ctx, filter.categoryId, 'filter.categoryId') : null;

  const query = search
    ? Prisma.sql`(websearch_to_tsquery('english', ${search}) || websearch_to_tsquery('simple', ${search}))`
    : null;
  const conditions: Prisma.Sql[] = [];
  if (query) conditions.push(Prisma.sql`p.search_vector @@ ${query}`);
  if (categoryId !== null) {
    conditions.push(Prisma.sql`p.category_id IN (
      SELECT c.id FROM products.categories c WHERE c.id = ${categoryId} OR c.ancestor_ids @> ARRAY[${categoryId}]::int[])`);
  }
  if (filter?.lowStock === true) conditions.push(Prisma.sql`p.stock < p.low_stock_threshold`);
  if (filter?.lowStock === false) conditions.push(Prisma.sql`p.stock >= p.low_stock_threshold`);
  if (typeof filter?.needsReview === 'boolean') conditions.push(Prisma.sql`p.needs_review = ${filter.needsReview}`);
  // Archived products leave the shop and the lists; staff find them with archived: true.
  if (filter?.archived) requireRole(ctx.identity, STAFF_ROLES, 'list archived products');
  conditions.push(filter?.archived ? Prisma.sql`p.archived_at IS NOT NULL` : Prisma.sql`p.archived_at IS NULL`);
  const where = (extra: Prisma.Sql[]) => {
    const all = [...conditions, ...extra];
    return all.length ? Prisma.sql`WHERE ${Prisma.join(all, ' AND ')}` : Prisma.empty;
  };

  const rank = query ? Prisma.sql`ts_rank(p.search_vector, ${query})` : Prisma.sql`NULL::real`;
  const keyset: Prisma.Sql[] = [];
  if (cursor?.kind === 'newest') {
    keyset.push(Prisma.sql`(p.created_at, p.id) < (${new Date(cursor.createdAt)}::timestamptz, ${cursor.id}::uuid)`);
  } else if (cursor?.kind === 'relevance') {
    keyset.push(Prisma.sql`(${rank}, p.id) < (${cursor.rank}::real, ${cursor.id}::uuid)`);
  }
  const order = query ? Prisma.sql`ORDER BY 3 DESC, p.id DESC` : Prisma.sql`ORDER BY p.created_at DESC, p.id DESC`;

  const rows = await ctx.prisma.$queryRaw<Row[]>`
    SELECT p.id, p.created_at, ${rank} AS rank FROM products.products p
    ${where(keyset)} ${order} LIMIT ${first + 1}`;
  const products = await ctx.loaders.product.loadMany(rows.map((row) => row.id));
  // A product deleted between the two reads drops out of the page.
  const found = rows.flatMap((row, index) => {
    const node = products[index];
    return node && !(node instanceof Error) ? [{ row, node }] : [];
  });
  const cursorOf = ({ row }: { row: Row }) =>
    encodeCursor(query ? { kind: 'relevance', rank: row.rank ?? 0, id: row.id } : { kind: 'newest', createdAt: row.created_at.toISOString(), id: row.id });
  return connection(found, first, cursorOf, {
    node: ({ node }) => node,
    totalCount: async () => {
      const [count] = await ctx.prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM products.products p ${where([])}`;
      return Number(count?.count ?? 0);
    },
  });
}
