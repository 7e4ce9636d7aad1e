import { useLiveState } from '../auth/SessionProvider';

/** Whether the subscription socket is up, so a dropped live feed is never silent. */
export function LiveIndicator() {
  const { state, reason } = useLiveState();
  const text = state === 'connected' ? 'Live' : state === 'connecting' ? 'Connecting…' : state === 'closed' ? 'Reconnecting…' : 'Idle';
  return (
    <span className={`live ${state}`} title={reason ?? undefined} role="status">
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
