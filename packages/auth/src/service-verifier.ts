import type { InternalSigner } from './internal-signature';
import { parsePublicJwks } from './keys';
import { accountsRoute, JWKS_PATH, remoteStanding, STANDING_PATH } from './remote-standing';
import { AccessTokenVerifier } from './verifier';

export interface ServiceVerifierConfig {
  /** The accounts subgraph's GraphQL URL. */
  ACCOUNTS_URL: string;
  /** accounts' public keys as JSON; else fetched from ACCESS_TOKEN_JWKS_URL. */
  ACCESS_TOKEN_JWKS?: string;
  /** Default: /.well-known/jwks.json beside ACCOUNTS_URL. */
  ACCESS_TOKEN_JWKS_URL?: string;
}

/**
 * How a process other than accounts verifies access tokens: with accounts' public keys (given, or
 * its JWKS), asking accounts about users' standing with this process's signed requests.
 */
export function serviceVerifier(config: ServiceVerifierConfig, signer: InternalSigner): AccessTokenVerifier {
  const keys = config.ACCESS_TOKEN_JWKS
    ? parsePublicJwks(config.ACCESS_TOKEN_JWKS, 'ACCESS_TOKEN_JWKS')
    : new URL(config.ACCESS_TOKEN_JWKS_URL ?? accountsRoute(config.ACCOUNTS_URL, JWKS_PATH));
  return new AccessTokenVerifier({ keys, standing: remoteStanding(accountsRoute(config.ACCOUNTS_URL, STANDING_PATH), signer) });
}
