export { migrate, markRolledBack, type MigrateOptions, type MigrateResult } from './migrate';
export { FailedMigrationBlocksError, MigrationFailedError } from './errors';
export { readMigrationFiles, type MigrationFile } from './migration-files';
