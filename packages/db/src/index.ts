export * from './client';
export { Prisma } from '../generated/prisma/client';
export type { Product, Category } from '../generated/prisma/client';
export { EnrichmentSource, EnrichmentStatus } from '../generated/prisma/enums';
export * from './migrate';
export * from './taxonomy';
