/**
 * `@apollo/gateway` starts usage telemetry when it is constructed: OpenTelemetry resource detectors
 * probe the AWS, Azure, Alibaba and GCP metadata addresses (169.254.169.254, 100.100.100.200,
 * metadata.google.internal), then it exports to Apollo every hour. Bodega never phones home, so it
 * is off unless the operator sets APOLLO_TELEMETRY_DISABLED to something else themselves.
 */
export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= '1';
}

disableApolloTelemetry();
