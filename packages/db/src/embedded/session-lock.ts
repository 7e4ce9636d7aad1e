/**
 * PGlite is one Postgres session. Several client connections share it, so one connection at a
 * time owns it, from its first message until the session is back at rest: an extended-protocol
 * cycle (Parse/Bind/Execute…) ends at Sync, and a transaction ends at COMMIT or ROLLBACK. Ownership
 * passes to waiters in arrival order.
 */
export class SessionLock<Owner> {
  private owner: Owner | undefined;
  private readonly waiters: Array<{ owner: Owner; grant: () => void }> = [];

  /** Resolves once `owner` holds the session; at once if it already does. */
  acquire(owner: Owner): Promise<void> {
    if (this.owner === owner) return Promise.resolve();
    if (this.owner === undefined) {
      this.owner = owner;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ owner, grant }));
  }

  holds(owner: Owner): boolean {
    return this.owner === owner;
  }

  /** Hands the session to the next waiter. A no-op unless `owner` holds it. */
  release(owner: Owner): void {
    if (this.owner !== owner) return;
    const next = this.waiters.shift();
    this.owner = next?.owner;
    next?.grant();
  }

  /** Forgets a connection that went away while waiting. */
  abandon(owner: Owner): void {
    const index = this.waiters.findIndex((waiter) => waiter.owner === owner);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}
