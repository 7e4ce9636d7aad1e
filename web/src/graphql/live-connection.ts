export type LiveState = 'idle' | 'connecting' | 'connected' | 'closed';

/** The subscription socket's state; the shell shows it so a dropped live feed is never silent. */
export class LiveConnection {
  state: LiveState = 'idle';
  reason: string | undefined;
  private readonly listeners = new Set<() => void>();

  set(state: LiveState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): LiveState => this.state;
}
