import { startTestRun } from './support/databases';

// Once per jest run: a freshly migrated template database that each test file clones.
export default async function globalSetup(): Promise<void> {
  await startTestRun();
}
