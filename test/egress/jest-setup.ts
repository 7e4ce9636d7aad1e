// Every jest project's setupFilesAfterEnv: the egress guard is on in this worker, in every child
// process a test starts with this environment, and any refusal fails the test that caused it
// (or, outside any test, the file's afterAll).
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoEgress, guard, readReport, withGuard } from './report';

// This worker's own refusals are checked here, not through the run's report file.
guard.watched = true;
process.env.NODE_OPTIONS = withGuard(process.env.NODE_OPTIONS);
// Children started from this test file report here, apart from other workers' children.
const childReport = join(tmpdir(), `bodega-egress-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
process.env.BODEGA_EGRESS_REPORT = childReport;

function takeRefusals() {
  const fromChildren = readReport(childReport);
  if (fromChildren.length > 0) writeFileSync(childReport, '');
  return [...guard.take(0), ...fromChildren];
}

afterEach(() => assertNoEgress(takeRefusals()));
afterAll(() => {
  const left = takeRefusals();
  rmSync(childReport, { force: true });
  assertNoEgress(left);
});
