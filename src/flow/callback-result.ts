import { ConnectError } from './errors.js';
import type { CallbackParams, ResponseType } from '../protocol/callback.js';
import { isHttpsOrLoopback, parseUrl } from './urls.js';

/** Where a result came from: for a server with several providers to know where the code goes. */
interface ResultOrigin {
  /** The issuer (RFC 9207): the one checked, or else the `iss` received, unchecked. Routing only: your server checks it against its own configuration. */
  issuer?: string;
  /** The preset's id, when the flow used one. */
  provider?: string;
}

/** The result of a `code` flow: exchange `code` on your server (see `oauth-connect/server`). */
export interface CodeResult extends ResultOrigin {
  responseType: 'code';
  code: string;
  state: string;
  /** Send it with the code: the token endpoint checks it matches (RFC 6749 §4.1.3). */
  redirectUri: string;
  /** The PKCE verifier to send with the code (RFC 7636 §4.5). Absent with `no-pkce`. */
  codeVerifier?: string;
  /** The OpenID Connect `nonce` sent (scope with `openid`): the ID token must carry it. */
  nonce?: string;
}

/** The result of a `token` (implicit) flow, from the redirect URI's fragment (RFC 6749 §4.2.2). */
export interface TokenResult extends ResultOrigin {
  responseType: 'token';
  /** Never set; declared so that `detail.code` reads as `string | undefined` on either result. */
  code?: undefined;
  accessToken: string;
  tokenType: string;
  /** Lifetime in seconds, when the provider said. */
  expiresIn?: number;
  /** When the token expires, in epoch milliseconds, when the provider sent `expires_in`. */
  expiresAt?: number;
  scope?: string;
  refreshToken?: string;
  state: string;
}

export type ConnectResult = CodeResult | TokenResult;

/** What the flow expected, to check the callback against. */
export interface ExpectedCallback {
  responseType: ResponseType;
  state: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
  /** The issuer the answer must come from (RFC 9207), when the flow knows it. */
  issuer?: string | undefined;
  /** Refuse an answer without `iss`. */
  requireIss?: boolean | undefined;
  nonce?: string | undefined;
  provider?: string | undefined;
}

/**
 * The provider's `error_uri`, only when it is an https (or loopback http) URL: a partner may
 * show it as a link, and a `javascript:` one would run in the page when clicked.
 */
const linkable = (uri: string | undefined): string | undefined => {
  const url = parseUrl(uri);
  return url && isHttpsOrLoopback(url) ? url.href : undefined;
};

function invalid(why: string): never {
  throw new ConnectError('invalid_response', why);
}

/**
 * Turns the callback's parameters into a result, or throws a `ConnectError`:
 * the provider's own error, or `invalid_response` for anything malformed.
 * The state must already have been matched (see `message.ts`); it is checked
 * again here so that this function alone never yields a result for another flow.
 */
export const parseCallback = (params: CallbackParams, expected: ExpectedCallback): ConnectResult => {
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
    if (values.has(name)) invalid(name + ' appears twice.');
    values.set(name, value);
  }
  const get = (name: string) => values.get(name) || undefined;
  const { responseType, state, redirectUri, codeVerifier, nonce, provider } = expected;
  // `expected.state` is never empty, so a missing state fails here too.
  if (get('state') !== state) invalid('The state does not match this flow.');
  // RFC 9207 §2.4: checked before anything else in the answer, errors included.
  const iss = get('iss');
  if (expected.issuer && iss && iss !== expected.issuer)
    invalid(`The answer came from another issuer, ${iss}, not ${expected.issuer}.`);
  if (expected.requireIss && !iss) invalid('The answer has no iss, and its issuer always sends one.');
  const issuer = expected.issuer ?? iss;
  const from = { ...(issuer && { issuer }), ...(provider && { provider }) };
  const error = get('error');
  const code = get('code');
  const accessToken = get('access_token');
  if (error) {
    if (code || accessToken) invalid('An error and a result at once.');
    throw new ConnectError(error, get('error_description'), linkable(get('error_uri')));
  }
  if (responseType == 'code') {
    if (!code || accessToken) invalid('Expected a code.');
    return {
      responseType,
      code,
      state,
      redirectUri,
      ...(codeVerifier && { codeVerifier }),
      ...(nonce && { nonce }),
      ...from,
    };
  }
  if (!accessToken || code) return invalid('Expected an access_token.');
  const expiresIn = get('expires_in');
  if (expiresIn && !/^\d{1,10}$/.test(expiresIn)) invalid('expires_in is not a number of seconds.');
  const scope = get('scope');
  const refreshToken = get('refresh_token');
  return {
    responseType,
    accessToken,
    // RFC 6749 §4.2.2 requires token_type; a provider that leaves it out means bearer.
    tokenType: get('token_type') ?? 'bearer',
    ...(expiresIn && { expiresIn: +expiresIn, expiresAt: Date.now() + +expiresIn * 1000 }),
    ...(scope && { scope }),
    ...(refreshToken && { refreshToken }),
    state,
    ...from,
  };
};
