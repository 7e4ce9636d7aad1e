import { finishTestRun } from './support/databases';
import egressTeardown from './egress/global-teardown';

export default async function globalTeardown(): Promise<void> {
  await finishTestRun();
  await egressTeardown();
}
