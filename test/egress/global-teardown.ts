import { assertNoEgress, readReport } from './report';

/** Anything refused outside a test (in jest's own process, or a child started without our env) fails the run. */
export default async function egressTeardown(): Promise<void> {
  assertNoEgress(readReport(process.env.BODEGA_EGRESS_REPORT));
}
