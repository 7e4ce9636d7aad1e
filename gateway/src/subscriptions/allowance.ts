import { refused } from '@bodega/errors';
import type { GraphQLError } from 'graphql';
import type WebSocket from 'ws';

/** How many subscriptions may be open at once; queries and mutations sent over a socket do not count. */
export interface SubscriptionCaps {
  /** On one socket. Default: 100. */
  maxSubscriptionsPerSocket?: number;
  /** For one signed-in user, across every socket they hold on this gateway process. Default: 500. */
  maxSubscriptionsPerUser?: number;
}

export const DEFAULT_SUBSCRIPTION_CAPS: Required<SubscriptionCaps> = {
  maxSubscriptionsPerSocket: 100,
  maxSubscriptionsPerUser: 500,
};

export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';

function tooMany(scope: 'socket' | 'user', limit: number): GraphQLError {
  const message =
    scope === 'socket'
      ? `This connection already has ${limit} subscriptions open, the most one connection may have; complete one before starting another.`
      : `You already have ${limit} subscriptions open across your connections, the most one user may have; complete one before starting another.`;
  return refused(message, TOO_MANY_SUBSCRIPTIONS, { scope, limit });
}

/**
 * Counts the subscriptions open per socket and per user. A subscription over a cap is refused
 * with its own error message (BAD_USER_INPUT, reason TOO_MANY_SUBSCRIPTIONS) rather than by
 * closing the socket: the caller's other subscriptions keep running, and graphql-ws clients do
 * not take it for a dropped connection and reconnect into the same wall.
 */
export class SubscriptionAllowance {
  private readonly caps: Required<SubscriptionCaps>;
  /** Per socket: a release for each subscription id it holds. */
  private readonly sockets = new WeakMap<WebSocket, Map<string, () => void>>();
  private readonly users = new Map<string, number>();

  constructor(caps: SubscriptionCaps = {}) {
    this.caps = { ...DEFAULT_SUBSCRIPTION_CAPS, ...caps };
  }

  /** Takes a place for subscription `id`, or returns the error to answer it with. */
  acquire(socket: WebSocket, id: string, userId: string | undefined): { release: () => void } | { error: GraphQLError } {
    let held = this.sockets.get(socket);
    if (!held) this.sockets.set(socket, (held = new Map()));
    if (held.size >= this.caps.maxSubscriptionsPerSocket) return { error: tooMany('socket', this.caps.maxSubscriptionsPerSocket) };
    const ofUser = userId === undefined ? 0 : (this.users.get(userId) ?? 0);
    if (userId !== undefined && ofUser >= this.caps.maxSubscriptionsPerUser) return { error: tooMany('user', this.caps.maxSubscriptionsPerUser) };

    if (userId !== undefined) this.users.set(userId, ofUser + 1);
    const places = held;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (places.get(id) === release) places.delete(id);
      if (userId === undefined) return;
      const left = (this.users.get(userId) ?? 1) - 1;
      if (left > 0) this.users.set(userId, left);
      else this.users.delete(userId);
    };
    places.set(id, release);
    return { release };
  }

  /** Gives back every place a closed socket still held. */
  releaseSocket(socket: WebSocket): void {
    const held = this.sockets.get(socket);
    if (!held) return;
    for (const release of [...held.values()]) release();
    this.sockets.delete(socket);
  }

  /** Open subscriptions of one user (tests, metrics). */
  ofUser(userId: string): number {
    return this.users.get(userId) ?? 0;
  }
}

/** `source`, giving its place back when it ends, fails or is returned (the client's complete). */
export function releasing<T>(source: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  return {
    async next() {
      try {
        const result = await source.next();
        if (result.done) release();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return(value?: unknown) {
      release();
      return (await source.return?.(value)) ?? { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
