import { defineConfig } from 'prisma/config';

// The Prisma CLI is used only for `generate` here; migrations are applied by
// packages/db/src/migrate (see README, "Database").
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
