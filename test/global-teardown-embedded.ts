import { finishEmbeddedTestRun } from './support/databases';
import egressTeardown from './egress/global-teardown';

export default async function globalTeardown(): Promise<void> {
  await finishEmbeddedTestRun();
  await egressTeardown();
}
