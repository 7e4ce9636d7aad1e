import { disableApolloTelemetry } from '@bodega/gateway';
import { guard } from '@bodega/testing/egress';
import { startStack, type Stack } from '@bodega/testing/stack';

describe('the gateway’s usage telemetry', () => {
  it('is off by default, so no cloud metadata address is probed', async () => {
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const before = guard.violations.length;
    let stack: Stack | undefined;
    try {
      stack = await startStack();
      expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('1');
      // @apollo/gateway's resource detectors start when it is built; give them time to try.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(guard.violations.slice(before)).toEqual([]);
    } finally {
      await stack?.close();
    }
  });

  it('stays on when the operator asks for it', () => {
    const env: NodeJS.ProcessEnv = { APOLLO_TELEMETRY_DISABLED: 'false' };
    disableApolloTelemetry(env);
    expect(env.APOLLO_TELEMETRY_DISABLED).toBe('false');
  });
});
