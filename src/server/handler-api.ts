/**
 * What `createAuthHandler` takes (`AuthHandlerOptions`, and `SignInInfo` for
 * `onSignIn`) and what it gives (`AuthHandler`): the handler's public shape,
 * apart from the code of its routes (handler.ts).
 */
import type { Account } from '../protocol/bff.js';
import type { AccessToken } from './access-token.js';
import type { ApiResult } from './api.js';
import type { AuthProvider } from './providers.js';
import type { SessionStore } from './store.js';
import type { IdTokenClaims, TokenSet } from './tokens.js';

export interface SignInInfo {
  provider: string;
  tokens: TokenSet;
  /** The validated ID token's claims (OpenID Connect), else the userinfo answer, when there is one. */
  claims: IdTokenClaims | Record<string, unknown> | undefined;
  /**
   * Who the provider says signed in: `sub` (or `id`) and `name` / `email` / `picture`. Undefined when
   * it said nothing of the user (no ID token, no user-info endpoint, as UltraCart): onSignIn must
   * then return the account, e.g. from the token response or an API call made with `tokens.accessToken`.
   */
  account: Account | undefined;
}

export interface AuthHandlerOptions {
  providers: Record<string, AuthProvider>;
  /**
   * 32 random bytes or more (`openssl rand -base64 32`); fewer than 32 characters, fewer than
   * 8 distinct ones or one repeated pattern is refused. A list rotates keys: the first seals, all open.
   */
  secret: string | string[];
  /** Where the handler is mounted, the one place it is given (`toNodeHandler` reads it). Default `/auth`. */
  basePath?: string;
  /**
   * Behind your own proxy or load balancer (nginx, Vite's dev server), which sets
   * `X-Forwarded-Proto` and `X-Forwarded-Host`: read them from every request the handler is given,
   * so that it sees the origin the browser talked to. Never without such a proxy: a client could
   * send them too. Default false.
   */
  trustProxy?: boolean;
  /**
   * Keep sessions on the server (the cookie then holds only a random id). Default: in the sealed
   * cookie, which suits one process or sticky sessions only (see the README).
   */
  store?: SessionStore;
  /** Seconds from the latest successful sign-in to the end of the session (never extended). Default 7 days. */
  sessionTtl?: number;
  /** Other origins allowed to POST (a front end on another origin of your site). Default: the request's own. */
  origins?: string[];
  /**
   * Runs at each sign-in, before the account is checked: where you link or create your own user. What
   * it returns becomes the session's account; nothing (`info.account` undefined, say) fails the sign-in.
   * The one way to sign in with a provider that says nothing of the user (no issuer, no userInfoUrl).
   */
  onSignIn?: (info: SignInInfo) => Account | undefined | Promise<Account | undefined>;
  /** Told of every 5xx (a failing provider or store) instead of `console.error`. */
  onError?: (error: unknown) => void;
  /** Largest request body, in bytes. Default 16 KiB. */
  maxBodyBytes?: number;
}

export interface AuthHandler {
  (request: Request): Promise<Response>;
  /** Where the handler answers (`basePath`, default `/auth`); `toNodeHandler` mounts it there. */
  readonly basePath: string;
  /** Whether it reads `X-Forwarded-Proto` / `X-Forwarded-Host` (`trustProxy`). */
  readonly trustProxy: boolean;
  /** This browser's accounts, by provider (empty when signed out). */
  getSession(request: Request): Promise<{ accounts: Record<string, Account> }>;
  /**
   * A valid access token for `provider`, refreshed (with rotation) when it expired. Throws AuthError:
   * `login_required` (401) when not signed in or the provider refused the refresh; its `setCookie`
   * then ends the grant in the browser too.
   */
  getAccessToken(request: Request, provider: string): Promise<AccessToken>;
  /**
   * Ends every session holding `provider`'s grant for `accountId` (after a password change, say) and
   * revokes its refresh token, then its access token, where the provider has revocation (a provider
   * whose revocation ends the application, UltraCart, revokes the application: this is how to
   * disconnect a store everywhere). Needs a
   * store that indexes sessions by account (`memoryStore`, `redisStore`).
   */
  deleteUserSessions(provider: string, accountId: string): Promise<{ sessions: number; revoked: number }>;
  /**
   * Calls `provider`'s API for this browser's session: a path below the API's base URL (or an absolute
   * URL on its hosts), with the token and the provider's headers. A redirect is returned, not followed.
   * On a 401 saying the token is bad: one refresh and one retry (when `init.body` is not a stream); a
   * second 401 throws AuthError `login_required`. Append `setCookie` to your response.
   */
  fetchApi(request: Request, provider: string, pathOrUrl: string | URL, init?: RequestInit): Promise<ApiResult>;
}
