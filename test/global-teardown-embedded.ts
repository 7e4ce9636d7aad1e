import { finishEmbeddedTestRun } from '../packages/db/src/testing';
import egressTeardown from './egress/global-teardown';

export default async function globalTeardown(): Promise<void> {
  await finishEmbeddedTestRun();
  await egressTeardown();
}
