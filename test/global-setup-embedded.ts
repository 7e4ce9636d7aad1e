import { startEmbeddedTestRun } from './support/databases';

// Once per jest run of the embedded project: a migrated PGlite that each test file starts from.
export default async function globalSetup(): Promise<void> {
  await startEmbeddedTestRun();
}
