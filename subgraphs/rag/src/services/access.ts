import { STAFF_ROLES, requireRole, type Identity } from '@bodega/auth';
import { Prisma } from '@bodega/db';
import type { RagContext } from '../context';

export type Visibility = 'PUBLIC' | 'INTERNAL';

/** Staff (STAFF, ADMIN) read every document; customers and anonymous callers only PUBLIC ones. */
export function readsInternal(identity: Identity | null): boolean {
  return identity !== null && (STAFF_ROLES as readonly string[]).includes(identity.role);
}

export function mayRead(identity: Identity | null, visibility: Visibility): boolean {
  return visibility === 'PUBLIC' || readsInternal(identity);
}

/** A SQL condition on documents aliased `d`: what the caller may read. */
export function visibleTo(identity: Identity | null): Prisma.Sql {
  return readsInternal(identity) ? Prisma.sql`TRUE` : Prisma.sql`d.visibility = 'PUBLIC'::rag.document_visibility`;
}

/** Ingesting, re-ingesting and deleting: STAFF or ADMIN (UNAUTHENTICATED / FORBIDDEN otherwise). */
export function requireEditor(ctx: RagContext, action: string): Identity {
  return requireRole(ctx.identity, STAFF_ROLES, action);
}
