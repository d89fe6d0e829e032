/**
 * oauth-connect/server: the back-end half of a `code` flow. Exchanges the
 * authorization code the element delivered for tokens, and refreshes them,
 * with the standard `fetch`. Zero dependencies; runs in Node 20+, Deno, Bun
 * and edge runtimes. The Node version of the seed's `access_token_from_code.py`.
 */

/** How the client authenticates to the token endpoint (RFC 6749 §2.3.1; names from RFC 8414 / RFC 7591). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** What every token request needs. */
export interface TokenEndpointOptions {
  /** The provider's token endpoint, e.g. `https://connect.ulule.com/oauth2/token/`. */
  tokenUrl: string | URL;
  clientId: string;
  /** Keep it on the server. Leave it out for a public client (which then needs PKCE). */
  clientSecret?: string;
  /**
   * Default `client_secret_basic` (HTTP Basic, as in the seed's Python example)
   * when there is a secret, `none` otherwise. `client_secret_post` sends the
   * secret in the body, for providers that ask for it.
   */
  clientAuth?: ClientAuthMethod;
  /** Another `fetch` (a proxy agent, a test double). Default: the global one. */
  fetch?: typeof fetch;
  /** Aborts the request (e.g. `AbortSignal.timeout(10_000)`). */
  signal?: AbortSignal;
}

export interface ExchangeCodeOptions extends TokenEndpointOptions {
  /** The `code` from the element's `connect-success` event. */
  code: string;
  /** Exactly the redirect URI of the authorization request (RFC 6749 §4.1.3); the event carries it. */
  redirectUri: string;
  /** The PKCE verifier from the event (RFC 7636 §4.5); absent when the flow used `no-pkce`. */
  codeVerifier?: string;
}

export interface RefreshTokenOptions extends TokenEndpointOptions {
  refreshToken: string;
  /** A narrower scope than the one granted (RFC 6749 §6); the same when left out. */
  scope?: string;
}

/** A successful token response (RFC 6749 §5.1), in camelCase. */
export interface TokenSet {
  accessToken: string;
  /** Usually `bearer`: send `Authorization: Bearer <accessToken>`. */
  tokenType: string;
  /** Lifetime in seconds, when the provider said. */
  expiresIn?: number;
  /** When the access token expires, in epoch milliseconds, when the provider sent `expires_in`. */
  expiresAt?: number;
  /** Store it to get new access tokens later; a rotating provider sends a new one each time. */
  refreshToken?: string;
  /** The granted scope, when the provider said (RFC 6749 §5.1: required if it differs from the request). */
  scope?: string;
  /** The whole JSON response, for provider-specific fields. */
  raw: Record<string, unknown>;
}

/**
 * Codes raised by this helper itself, as opposed to the provider's RFC 6749
 * §5.2 codes (`invalid_grant`, `invalid_client`, …).
 */
export type TokenErrorCode =
  /** The request never got an HTTP response (DNS, connection, abort). `cause` has the reason. */
  | 'network_error'
  /** The provider answered with something that is not a token response or an OAuth error. */
  | 'invalid_response';

/**
 * A token request failed. Match on `error`: the provider's code (RFC 6749
 * §5.2), e.g. `invalid_grant` for a used, expired or mismatched code, or a
 * {@link TokenErrorCode}.
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly error: TokenErrorCode | (string & {}),
    /** The provider's `error_description`, or ours. */
    readonly errorDescription: string | undefined,
    /** The HTTP status; 0 when there was no response. */
    readonly status: number,
    /** The provider's `error_uri`, when it sent one. */
    readonly errorUri?: string,
    options?: { cause?: unknown },
  ) {
    super(errorDescription ? `${error}: ${errorDescription}` : error, options);
  }
}

/**
 * Exchanges an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5).
 * Call it on your server with the `connect-success` detail's `code`,
 * `redirectUri` and `codeVerifier`. Throws {@link TokenError}.
 */
export const exchangeCode = (options: ExchangeCodeOptions): Promise<TokenSet> =>
  requestTokens(options, {
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.codeVerifier,
  });

/**
 * Gets a new access token with a refresh token (RFC 6749 §6). Providers that
 * rotate refresh tokens (the mock does) invalidate the old one: store the
 * returned `refreshToken`. Throws {@link TokenError}.
 */
export const refreshToken = (options: RefreshTokenOptions): Promise<TokenSet> =>
  requestTokens(options, { grant_type: 'refresh_token', refresh_token: options.refreshToken, scope: options.scope });

/** RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

const requestTokens = async (
  options: TokenEndpointOptions,
  grant: Record<string, string | undefined>,
): Promise<TokenSet> => {
  const { clientId, clientSecret } = options;
  const method = options.clientAuth ?? (clientSecret === undefined ? 'none' : 'client_secret_basic');
  if (method != 'none' && clientSecret === undefined)
    throw new TypeError(`oauth-connect/server: clientAuth "${method}" needs a clientSecret.`);
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(grant)) if (value) body.set(name, value);
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (method == 'client_secret_basic')
    headers.Authorization = `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret ?? '')}`)}`;
  else {
    // A public client identifies itself in the body (RFC 6749 §4.1.3); so does client_secret_post.
    body.set('client_id', clientId);
    if (method == 'client_secret_post') body.set('client_secret', clientSecret ?? '');
  }

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.tokenUrl, {
      method: 'POST',
      headers,
      body,
      // Never follow a redirect with the code and secret in the body.
      redirect: 'manual',
      cache: 'no-store',
      ...(options.signal && { signal: options.signal }),
    });
  } catch (cause) {
    throw new TokenError('network_error', `The token request failed: ${String(cause)}`, 0, undefined, { cause });
  }

  const { status } = response;
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const data =
    typeof json == 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const text = (name: string) => (typeof data[name] == 'string' && data[name] ? (data[name] as string) : undefined);

  if (status != 200) {
    // RFC 6749 §5.2: an error response is JSON with `error`; anything else is not OAuth talking.
    const error = text('error');
    if (status >= 400 && error) throw new TokenError(error, text('error_description'), status, text('error_uri'));
    throw new TokenError(
      'invalid_response',
      `The token endpoint answered HTTP ${status} without an OAuth error.`,
      status,
    );
  }
  const accessToken = text('access_token');
  if (!accessToken) throw new TokenError('invalid_response', 'The token response has no access_token.', status);
  const expires = data.expires_in;
  // Some providers send expires_in as a string; anything else that is not a number of seconds is dropped.
  const expiresIn = typeof expires == 'string' && /^\d+$/.test(expires) ? Number(expires) : expires;
  const validExpiry = typeof expiresIn == 'number' && Number.isSafeInteger(expiresIn) && expiresIn >= 0;
  const refresh = text('refresh_token');
  const scope = text('scope');
  return {
    accessToken,
    // RFC 6749 §5.1 requires token_type; a provider that leaves it out means bearer.
    tokenType: text('token_type') ?? 'bearer',
    ...(validExpiry && { expiresIn, expiresAt: Date.now() + expiresIn * 1000 }),
    ...(refresh && { refreshToken: refresh }),
    ...(scope && { scope }),
    raw: data,
  };
};
