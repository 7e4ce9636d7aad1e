import type autocannon from 'autocannon';

/** autocannon's latency figures that the benches report, in ms. */
export interface LatencyMs {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function latencyOf(result: autocannon.Result): LatencyMs {
  const { average, p50, p90, p99, max } = result.latency;
  return { average, p50, p90, p99, max };
}
