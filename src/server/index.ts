/**
 * oauth-connect/server: the back-end half of a sign-in, on panva's
 * oauth4webapi (OpenID-certified, runs in Node 20.19+, Deno, Bun and edge
 * runtimes: everything goes through `fetch`). The code exchange, refresh,
 * revocation and userinfo calls; ID token validation; discovery by issuer.
 */
export {
  clearDiscoveryCache,
  type ClientAuthMethod,
  type ProviderOptions,
  type TokenEndpointOptions,
} from './client.js';
export {
  AuthError,
  ERROR_CODES,
  SessionTooLargeError,
  TokenError,
  type ErrorInit,
  type TokenErrorCode,
} from './errors.js';
export type { HttpOptions } from './http.js';
export type { ProviderApiOptions, ProviderProfileName, RevocationStyle } from './profiles.js';
export {
  exchangeCode,
  fetchUserInfo,
  refreshToken,
  revokeToken,
  type ExchangeCodeOptions,
  type FetchUserInfoOptions,
  type IdTokenClaims,
  type RefreshTokenOptions,
  type RevokeTokenOptions,
  type TokenSet,
} from './tokens.js';
export {
  createAuthHandler,
  type AccessToken,
  type ApiResult,
  type AuthHandler,
  type AuthHandlerOptions,
  type AuthProvider,
  type SignInInfo,
} from './handler.js';
export {
  memoryStore,
  type Account,
  type SessionData,
  type SessionGrant,
  type SessionStore,
  type VersionedWrite,
} from './store.js';
export {
  BFF_HEADER,
  BFF_HEADER_VALUE,
  BFF_ROUTES,
  type CallbackPairs,
  type CompleteAnswer,
  type CompleteBody,
  type ErrorAnswer,
  type LogoutBody,
  type SessionAnswer,
  type StartAnswer,
  type StartBody,
} from '../protocol/bff.js';
