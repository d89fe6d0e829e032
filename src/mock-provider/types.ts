/** A registered partner application. */
export interface MockClient {
  clientId: string;
  /** Absent for a public client, which must then use PKCE (RFC 9700 §2.1.1). */
  clientSecret?: string;
  /** The partner's name, shown on the consent page. */
  name: string;
  /** Registered redirect URIs; a request's `redirect_uri` must equal one exactly (RFC 6749 §3.1.2.3). */
  redirectUris: string[];
  /**
   * OpenID Connect for this client: with the `openid` scope its code flow also
   * returns a signed ID token. Default: the provider's `oidc` option.
   */
  oidc?: boolean;
}

/** A provider account. Passwords are stored as given: this is a test double. */
export interface MockUser {
  /** Stable subject identifier; generated when left out. */
  id?: string;
  name: string;
  email: string;
  password: string;
}

/** The endpoints a forced error can target; `api` is the provider's REST API under a profile. */
export type MockEndpoint = 'authorize' | 'token' | 'userinfo' | 'revocation' | 'api';

/** An error the next matching request fails with (see `failNextRequest`). */
export interface ForcedError {
  /** An OAuth error code, e.g. `server_error`, `temporarily_unavailable`, `invalid_grant`. */
  error: string;
  errorDescription?: string;
  /** Only requests to this endpoint consume it; any protocol endpoint when left out. */
  endpoint?: MockEndpoint;
}

export interface MockProviderOptions {
  /**
   * Play one provider, at its own paths and with its own quirks (see the
   * README's mock provider section): `'ulule'` (Ulule Connect's paths with their
   * trailing slashes, HTTP Basic, tokens for 36000 s, `/v1/me` with an integer
   * id, `/v1/users/{id}/orders`, no revocation) or `'ultracart'` (the
   * `/rest/v2/oauth/…` paths, `client_secret_post`, UltraCart's own revoke, no
   * user-info endpoint, an API that refuses calls without
   * `X-UltraCart-Api-Version`). Neither publishes discovery metadata or sends
   * `iss` (RFC 9207), so the mock does not either. Default: the mock's generic
   * shape (`/oauth2/…`, every client authentication, RFC 7009, discovery).
   */
  profile?: 'ulule' | 'ultracart';
  /**
   * `false`: no user-info endpoint (`/v1/me` and `/oauth2/userinfo` answer 404,
   * the metadata names none), as UltraCart. Default true, false as UltraCart.
   */
  userInfo?: boolean;
  /** Registered clients. Default: `demo-client` (secret `demo-secret`) and `demo-public-client`. */
  clients?: MockClient[];
  /** Existing accounts. Default: Ada Lovelace, `ada@example.com` / `analytical-engine`. */
  users?: MockUser[];
  /** Known scopes and the consent page's words for each. */
  scopes?: Record<string, string>;
  /** Granted when a request names no scope. Default `profile`. */
  defaultScope?: string;
  /** Authorization code lifetime. Default 600 (RFC 6749 §4.1.2 recommends at most 10 minutes). */
  codeTtlSeconds?: number;
  /** Access token lifetime. Default 3600 (36000 as Ulule). */
  tokenTtlSeconds?: number;
  /** Refresh token lifetime. Default 30 days. */
  refreshTokenTtlSeconds?: number;
  /**
   * Whether a refresh answers with a new refresh token and retires the old one
   * (RFC 9700 §4.14.2). Default true; `false` plays a provider that keeps it
   * (RFC 6749 §6): a new access token only, the refresh token good again.
   */
  rotateRefreshTokens?: boolean;
  /**
   * Test knob. In reality the user signs in and clicks Allow; in this mock,
   * with `autoApprove`, the authorize endpoint redirects at once as the signed-in
   * user, or else as the user with this email (`true`: the first user).
   */
  autoApprove?: boolean | string;
  /** Test knob: milliseconds to wait before answering each protocol request. */
  delayMs?: number;
  /** Largest accepted request body; larger ones get 413. Default 16 KiB. */
  maxBodyBytes?: number;
  /**
   * The most codes, access tokens, refresh tokens, sessions and signed-up
   * accounts kept (each); past it the oldest go. Expired ones are dropped
   * anyway. Default 10,000.
   */
  maxEntries?: number;
  /**
   * The provider's public URL, its issuer identifier (RFC 8414 §2), e.g.
   * `https://mock.example.test`. Its host is served besides the loopback names.
   * Default: the URL the request came to.
   */
  issuer?: string;
  /**
   * More host names to answer to (a container's name, a proxy's), besides the
   * loopback names, IP addresses and the issuer's host; `.example.test` allows the
   * name and its subdomains. Requests for any other `Host` get 403, against DNS rebinding.
   */
  allowedHosts?: string[];
  /**
   * Accept PKCE's `plain` method (and a `code_challenge` without
   * `code_challenge_method`, which RFC 7636 reads as plain). Default false:
   * S256 only, as OAuth 2.1 and RFC 9700 §2.1.1 ask of a current provider.
   */
  allowPlainPkce?: boolean;
  /**
   * OpenID Connect for every client (else per client, `MockClient.oidc`):
   * the `openid` scope, ID tokens signed with a key made at start (RS256, JWKS at
   * `/.well-known/jwks.json`), `/oauth2/userinfo`, and discovery at
   * `/.well-known/openid-configuration`. Default false.
   */
  oidc?: boolean;
  /**
   * More issuers in the same process, each under its own path (`['/a', '/b']`):
   * `{url}/a` is an issuer with every endpoint below it and its own signing key;
   * its codes and tokens are good at its own endpoints only. For mix-up tests.
   */
  issuers?: string[];
  /**
   * Test knob: the `iss` parameter of authorization responses (RFC 9207).
   * `'send'` (default) the issuer's identifier, `'omit'` none, any other
   * string is sent instead (a wrong issuer).
   */
  issParameter?: 'send' | 'omit' | (string & {});
  /** Show the first user's credentials on the sign-in page (handy in a demo). Default true. */
  showTestCredentials?: boolean;
  /** Receives one line per request and per notable event. */
  log?: (line: string) => void;
}
