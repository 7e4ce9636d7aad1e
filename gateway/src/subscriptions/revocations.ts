import type { AccessTokenVerifier, Identity } from '@bodega/auth';
import { ErrorCode } from '@bodega/errors';
import type { Logger } from '@bodega/logger';
import { CloseCode } from 'graphql-ws';
import type WebSocket from 'ws';

/**
 * Closes a user's sockets when their access token stops standing (logged out, role changed,
 * account gone), with 4403 as for a token refused at connection_init: a subscription opened with
 * staff rights does not outlive them. Re-checked whenever the verifier hears of a change.
 */
export class SocketRevocations {
  private readonly byUser = new Map<string, Map<WebSocket, string>>();
  private readonly stop: () => void;

  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly log: Logger,
  ) {
    this.stop = tokens.onChange((userId) => this.recheck(userId));
  }

  /** Watches a socket opened with a user's token, until it closes. */
  track(socket: WebSocket, identity: Identity, authorization: string): void {
    let sockets = this.byUser.get(identity.userId);
    if (!sockets) this.byUser.set(identity.userId, (sockets = new Map()));
    sockets.set(socket, authorization);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.byUser.get(identity.userId) === sockets) this.byUser.delete(identity.userId);
    });
  }

  close(): void {
    this.stop();
  }

  private recheck(userId: string): void {
    for (const [socket, authorization] of this.byUser.get(userId) ?? []) {
      this.tokens.fromAuthorization(authorization).catch((error: { message?: string; extensions?: { code?: unknown } }) => {
        // Accounts unreachable is not a refusal: the socket stays until its standing is known.
        if (error.extensions?.code !== ErrorCode.Unauthenticated) return;
        this.log.info({ userId, reason: error.message }, 'websocket closed: its access token no longer stands');
        socket.close(CloseCode.Forbidden, truncate(`Forbidden: ${error.message ?? 'token refused'}`));
      });
    }
  }
}

/** A close reason is at most 123 bytes. */
function truncate(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : `${Buffer.from(reason).subarray(0, 120).toString('utf8')}...`;
}
