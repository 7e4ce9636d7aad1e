import { isRole } from './identity';
import { SIGNATURE_HEADER, type InternalSigner } from './internal-signature';
import type { StandingSource, UserStanding } from './standing';

/** accounts' route answering users' standing to other Bodega services (signed requests only). */
export const STANDING_PATH = '/internal/standing';
/** accounts' public keys, for anyone. */
export const JWKS_PATH = '/.well-known/jwks.json';

/** The body of a standing lookup and of its answer; a user missing from `users` does not exist. */
export interface StandingRequest {
  userIds: string[];
}
export interface StandingAnswer {
  users: Array<{ id: string } & UserStanding>;
}

/** Asks the accounts subgraph at `url` (its STANDING_PATH), signing as this service. */
export function remoteStanding(url: URL, signer: InternalSigner, timeoutMs = 3000): StandingSource {
  return {
    async lookup(userIds) {
      const body = JSON.stringify({ userIds: [...userIds] } satisfies StandingRequest);
      const signature = signer.sign({ kind: 'http', method: 'POST', target: url.pathname + url.search, body });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`accounts answered a standing lookup with HTTP ${response.status}`);
      const answer = (await response.json()) as StandingAnswer;
      const found = new Map<string, UserStanding>();
      for (const user of answer.users ?? []) {
        if (typeof user.id === 'string' && isRole(user.role) && Array.isArray(user.revokedSessions)) {
          found.set(user.id, { role: user.role, revokedSessions: user.revokedSessions });
        }
      }
      return found;
    },
  };
}

/** The URL of one of accounts' routes, from its GraphQL URL (`http://accounts:4001/graphql`). */
export function accountsRoute(accountsGraphqlUrl: string, path: string): URL {
  return new URL(path, accountsGraphqlUrl);
}
