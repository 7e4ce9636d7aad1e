import type { FormattedExecutionResult } from 'graphql';
import { SharedSubscription, type SharedSource, type Subscriber } from '../../src/subscriptions/shared-subscription';
import type { UpstreamSink } from '../../src/subscriptions/upstream';

/** A source whose events the test pushes and whose resolutions it settles by hand. */
function manualSource() {
  let sink: UpstreamSink | undefined;
  let stopped = 0;
  const pending: Array<(result: FormattedExecutionResult) => void> = [];
  const source: SharedSource = {
    open: (upstream) => {
      sink = upstream;
      return () => void (stopped += 1);
    },
    resolve: () => new Promise((resolve) => pending.push(resolve)),
    failure: () => ({ errors: [{ message: 'failed' }] }),
    overloaded: () => ({ errors: [{ message: 'overloaded', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
  };
  return { source, emit: (n: number) => sink!.next({ data: { n } }), pending, stopped: () => stopped };
}

function recordingSubscriber() {
  const results: FormattedExecutionResult[] = [];
  let ended = false;
  const subscriber: Subscriber = { push: (result) => void results.push(result), end: () => void (ended = true) };
  return { subscriber, results, ended: () => ended };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('a shared subscription', () => {
  it('delivers results in event order even when later events resolve first', async () => {
    const { source, emit, pending } = manualSource();
    const shared = new SharedSubscription(source, () => undefined);
    const a = recordingSubscriber();
    shared.add(a.subscriber);
    emit(1);
    emit(2);
    pending[1]!({ data: { n: 2 } });
    await flush();
    expect(a.results).toEqual([]);
    pending[0]!({ data: { n: 1 } });
    await flush();
    expect(a.results).toEqual([{ data: { n: 1 } }, { data: { n: 2 } }]);
  });

  it('ends its subscribers with SERVICE_UNAVAILABLE once it falls 500 events behind, instead of holding more', async () => {
    const { source, emit, stopped } = manualSource();
    let idle = false;
    const shared = new SharedSubscription(source, () => void (idle = true));
    const a = recordingSubscriber();
    const b = recordingSubscriber();
    shared.add(a.subscriber);
    shared.add(b.subscriber);
    for (let n = 0; n < 500; n += 1) emit(n); // none resolves: the gateway is stuck behind
    expect(a.ended()).toBe(false);
    emit(500);
    for (const s of [a, b]) {
      expect(s.results).toEqual([{ errors: [{ message: 'overloaded', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }]);
      expect(s.ended()).toBe(true);
    }
    expect(stopped()).toBe(1);
    expect(idle).toBe(true);
    expect(shared.size).toBe(0);
  });
});
