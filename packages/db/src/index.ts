export * from './client';
export { Prisma } from '../generated/prisma/client';
export type { Product, Category, User, RefreshToken } from '../generated/prisma/client';
export { EnrichmentSource, EnrichmentStatus, Role } from '../generated/prisma/enums';
export * from './migrate';
export * from './taxonomy';
