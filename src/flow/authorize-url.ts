import type { ResolvedOptions } from './options.js';

/**
 * The authorization request URL (RFC 6749 §4.1.1 / §4.2.1, RFC 7636 §4.3).
 * Query parameters already in the endpoint and `options.params` are kept; the
 * protocol parameters are set last so neither can override them.
 * @param codeChallenge the PKCE S256 challenge, for `code` flows.
 * @param nonce OpenID Connect's `nonce`, for code flows with the `openid` scope.
 */
export const buildAuthorizeUrl = (
  options: ResolvedOptions,
  state: string,
  codeChallenge?: string,
  nonce?: string,
): string => {
  const url = new URL(options.authorizeUrl);
  const query = url.searchParams;
  const set = (params: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  };
  // The page's language, unless the partner's params name one.
  set({ ui_locales: options.uiLocales, ...options.params });
  set({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: options.responseType,
    state,
    scope: options.scope,
    code_challenge: codeChallenge,
    code_challenge_method: codeChallenge && 'S256',
    nonce,
  });
  return url.href;
};
