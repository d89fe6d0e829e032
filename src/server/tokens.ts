/**
 * The calls a partner's server makes: exchange a code, refresh, revoke, ask
 * userinfo. Each resolves the provider (client.ts), lets oauth4webapi send and
 * check, and adds what it leaves to us: the RFC 9207 `iss` check without an
 * issuer in the browser's hands, the ID token's signature, a 200 carrying an
 * `error`, control characters in tokens.
 */
import * as oauth from 'oauth4webapi';
import { providerClient, type ProviderClient, type ProviderOptions, type Resolved } from './client.js';
import { TokenError, toTokenError, type CallRecord } from './errors.js';

/** What one code exchange needs besides the provider. */
export interface ExchangeArgs {
  /** The `code` from the element's `connect-success` event (or give `callback`). */
  code?: string;
  /**
   * The whole callback as oauth4webapi's `validateAuthResponse` returned it
   * (state, `iss`, `error` and duplicates already checked): then `code` and `iss`
   * are taken from it.
   */
  callback?: URLSearchParams;
  /** Exactly the redirect URI of the authorization request (RFC 6749 §4.1.3); the event carries it. */
  redirectUri: string;
  /** The PKCE verifier from the event (RFC 7636 §4.5); absent when the flow used `no-pkce`. */
  codeVerifier?: string;
  /**
   * The `iss` the authorization response carried (RFC 9207), as received. It must
   * equal the configured `issuer`; it is required when the provider's metadata
   * says it sends one (`authorization_response_iss_parameter_supported`).
   */
  iss?: string;
  /** The `nonce` of the authorization request (OpenID Connect): the ID token must carry it, and then must exist. */
  nonce?: string;
}
export interface ExchangeCodeOptions extends ProviderOptions, ExchangeArgs {}

export interface RefreshArgs {
  refreshToken: string;
  /** A narrower scope than the one granted (RFC 6749 §6); the same when left out. */
  scope?: string;
}
export interface RefreshTokenOptions extends ProviderOptions, RefreshArgs {}

export interface RevokeArgs {
  /** The access or refresh token to revoke (RFC 7009 §2.1). */
  token: string;
  tokenTypeHint?: 'access_token' | 'refresh_token';
}
export interface RevokeTokenOptions extends ProviderOptions, RevokeArgs {}

export interface UserInfoArgs {
  accessToken: string;
  /** The ID token's `sub`: the userinfo answer must be about the same user (OpenID Connect Core §5.3.2). */
  expectedSubject?: string;
}
export interface FetchUserInfoOptions extends ProviderOptions, UserInfoArgs {}

/** The claims of an ID token that was validated (signature, `iss`, `aud`, `exp`, `nonce`). */
export type IdTokenClaims = oauth.IDToken;

/** A successful token response (RFC 6749 §5.1), in camelCase. */
export interface TokenSet {
  accessToken: string;
  /** `bearer` (lowercased): send `Authorization: Bearer <accessToken>`. */
  tokenType: string;
  /** Lifetime in seconds, when the provider said. */
  expiresIn?: number;
  /** When the access token expires, in epoch milliseconds, when the provider sent `expires_in`. */
  expiresAt?: number;
  /** Store it to get new access tokens later; a rotating provider sends a new one each time. */
  refreshToken?: string;
  /** The granted scope, when the provider said (RFC 6749 §5.1: required if it differs from the request). */
  scope?: string;
  /** The ID token as received (OpenID Connect), when there was one. */
  idToken?: string;
  /** Its claims, validated. */
  claims?: IdTokenClaims;
  /** The whole JSON response, for provider-specific fields. */
  raw: Record<string, unknown>;
}

/** Runs one protocol step and turns what it throws into a TokenError. */
const step = async <T>(resolved: Resolved, what: string, run: (call: ReturnType<Resolved['http']>) => Promise<T>) => {
  const call = resolved.http(what);
  try {
    return await run(call);
  } catch (error) {
    throw toTokenError(error, call.record, what);
  }
};

/** RFC 6749 §5.1 says a success is HTTP 200; some providers also answer errors with 200. */
const rejectErrorWith200 = (record: CallRecord) => {
  if (record.status != 200 || !record.body) return;
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(record.body));
  } catch {
    return;
  }
  const { error, error_description, error_uri } = (data ?? {}) as Record<string, unknown>;
  if (typeof error == 'string' && error)
    throw new TokenError(
      error,
      typeof error_description == 'string' ? error_description : 'The provider answered HTTP 200 with an error.',
      { status: 200, errorUri: typeof error_uri == 'string' ? error_uri : undefined },
    );
};

/** A token with CR or LF (or any control character) would split an `Authorization` header or a log line. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

const checkTokenResponse = async (
  resolved: Resolved,
  response: Response,
  json: oauth.TokenEndpointResponse,
): Promise<TokenSet> => {
  for (const name of ['access_token', 'token_type', 'refresh_token', 'id_token'])
    if (typeof json[name] == 'string' && CONTROL.test(json[name]))
      throw new TokenError('invalid_response', `The token response's ${name} contains control characters.`, {
        status: 200,
      });
  let claims: IdTokenClaims | undefined;
  if (json.id_token) {
    // oauth4webapi checked iss, aud, exp, iat, sub and nonce; the signature is ours to ask for.
    if (!resolved.as.jwks_uri)
      throw new TokenError(
        'invalid_response',
        "The token response has an ID token, but the provider's keys are unknown (no jwks_uri; set jwksUrl).",
        { status: 200 },
      );
    await step(resolved, 'JWKS request', (jwks) =>
      oauth.validateApplicationLevelSignature(resolved.as, response, jwks.options),
    );
    claims = oauth.getValidatedIdTokenClaims(json);
  }
  const { expires_in: expiresIn } = json;
  return {
    accessToken: json.access_token,
    tokenType: json.token_type,
    ...(expiresIn !== undefined && { expiresIn, expiresAt: Date.now() + expiresIn * 1000 }),
    ...(json.refresh_token && { refreshToken: json.refresh_token }),
    ...(json.scope && { scope: json.scope }),
    ...(json.id_token && { idToken: json.id_token, claims }),
    raw: json as Record<string, unknown>,
  };
};

/**
 * Exchanges an authorization code for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5),
 * after checking the answer's `iss` (RFC 9207) against the configured issuer;
 * validates the ID token when there is one. Throws {@link TokenError}.
 */
export const exchangeCode = async (options: ExchangeCodeOptions): Promise<TokenSet> =>
  exchangeWith(providerClient(options), options);

/** {@link exchangeCode} with a client built once (createAuthHandler's). */
export const exchangeWith = async (provider: ProviderClient, options: ExchangeArgs): Promise<TokenSet> => {
  const { callback } = options;
  if (!callback && (typeof options.code != 'string' || !options.code))
    throw new TokenError('invalid_request', 'There is no authorization code to exchange.', { status: 0 });
  const resolved = await provider.resolve();
  const { as, client, auth } = resolved;
  let validated = callback;
  if (!validated) {
    const params = new URLSearchParams({ code: options.code ?? '' });
    // Without a configured issuer there is nothing to compare a received `iss` with.
    if (options.iss !== undefined && resolved.knowsIssuer) params.set('iss', options.iss);
    try {
      // The state belongs to the browser side (the element), checked there.
      validated = oauth.validateAuthResponse(as, client, params, oauth.skipStateCheck);
    } catch (error) {
      if (error instanceof oauth.OperationProcessingError)
        throw new TokenError(
          'invalid_response',
          options.iss === undefined
            ? `The authorization response has no iss, and ${as.issuer} says it always sends one (RFC 9207).`
            : `The authorization response came from another issuer (${options.iss}, expected ${as.issuer}).`,
          { status: 0, cause: error },
        );
      throw error;
    }
  }
  const checked = validated;
  return step(resolved, 'token request', async (call) => {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      checked,
      options.redirectUri,
      options.codeVerifier ?? oauth.nopkce,
      call.options,
    );
    rejectErrorWith200(call.record);
    const json = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: options.nonce ?? oauth.expectNoNonce,
      requireIdToken: options.nonce !== undefined,
    });
    return checkTokenResponse(resolved, response, json);
  });
};

/**
 * Gets a new access token with a refresh token (RFC 6749 §6). Providers that
 * rotate refresh tokens invalidate the old one: store the returned
 * `refreshToken`. Throws {@link TokenError}.
 */
export const refreshToken = async (options: RefreshTokenOptions): Promise<TokenSet> =>
  refreshWith(providerClient(options), options);

/** {@link refreshToken} with a client built once. */
export const refreshWith = async (provider: ProviderClient, options: RefreshArgs): Promise<TokenSet> => {
  if (typeof options.refreshToken != 'string' || !options.refreshToken)
    throw new TokenError('invalid_request', 'There is no refresh token.', { status: 0 });
  const resolved = await provider.resolve();
  const { as, client, auth } = resolved;
  return step(resolved, 'token request', async (call) => {
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, options.refreshToken, {
      ...call.options,
      ...(options.scope && { additionalParameters: { scope: options.scope } }),
    });
    rejectErrorWith200(call.record);
    return checkTokenResponse(resolved, response, await oauth.processRefreshTokenResponse(as, client, response));
  });
};

/** Whether revocation can be asked of this provider (an endpoint configured or discovered). */
export const canRevoke = async (provider: ProviderOptions | ProviderClient): Promise<boolean> =>
  Boolean((await ('resolve' in provider ? provider : providerClient(provider)).resolve()).as.revocation_endpoint);

/**
 * Revokes an access or refresh token (RFC 7009). A token the provider does not
 * know is not an error (§2.2). Throws {@link TokenError}; TypeError when the
 * provider has no revocation endpoint.
 */
export const revokeToken = async (options: RevokeTokenOptions): Promise<void> =>
  revokeWith(providerClient(options), options);

/** {@link revokeToken} with a client built once. */
export const revokeWith = async (provider: ProviderClient, options: RevokeArgs): Promise<void> => {
  const resolved = await provider.resolve();
  const { as, client, auth } = resolved;
  if (!as.revocation_endpoint)
    throw new TypeError('oauth-connect/server: this provider has no revocation endpoint (set revocationUrl).');
  await step(resolved, 'revocation request', async (call) => {
    const response = await oauth.revocationRequest(as, client, auth, options.token, {
      ...call.options,
      ...(options.tokenTypeHint && { additionalParameters: { token_type_hint: options.tokenTypeHint } }),
    });
    rejectErrorWith200(call.record);
    await oauth.processRevocationResponse(response);
  });
};

/**
 * Asks the userinfo endpoint who the token belongs to. With an issuer (OpenID
 * Connect), the answer must carry `sub` (and equal `expectedSubject` when
 * given); a plain OAuth 2 profile endpoint (Ulule's `/v1/me`) answers any JSON
 * object. Throws {@link TokenError}.
 */
export const fetchUserInfo = async (options: FetchUserInfoOptions): Promise<Record<string, unknown>> =>
  userInfoWith(providerClient(options), options);

/** {@link fetchUserInfo} with a client built once. */
export const userInfoWith = async (
  provider: ProviderClient,
  options: UserInfoArgs,
): Promise<Record<string, unknown>> => {
  const resolved = await provider.resolve();
  const { as, client } = resolved;
  if (!as.userinfo_endpoint)
    throw new TypeError('oauth-connect/server: this provider has no userinfo endpoint (set userInfoUrl).');
  return step(resolved, 'userinfo request', async (call) => {
    const response = await oauth.userInfoRequest(as, client, options.accessToken, call.options);
    if (resolved.knowsIssuer || options.expectedSubject !== undefined)
      return (await oauth.processUserInfoResponse(
        as,
        client,
        options.expectedSubject ?? oauth.skipSubjectCheck,
        response,
      )) as Record<string, unknown>;
    if (response.status == 401 || response.status == 403) {
      const challenge = response.headers.get('www-authenticate') ?? '';
      const error = /error="([^"]*)"/.exec(challenge)?.[1] ?? 'invalid_token';
      throw new TokenError(error, 'The userinfo endpoint refused the access token.', { status: response.status });
    }
    if (response.status != 200)
      throw new TokenError('invalid_response', `The userinfo endpoint answered HTTP ${response.status}.`, {
        status: response.status,
      });
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      data = undefined;
    }
    if (typeof data != 'object' || !data || Array.isArray(data))
      throw new TokenError('invalid_response', 'The userinfo endpoint did not answer a JSON object.', { status: 200 });
    return data as Record<string, unknown>;
  });
};
