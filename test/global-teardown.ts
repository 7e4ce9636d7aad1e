import { finishTestRun } from '../packages/db/src/testing';

export default async function globalTeardown(): Promise<void> {
  await finishTestRun();
}
