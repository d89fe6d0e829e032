import type { ResolvedOptions } from './options.js';

export interface AuthorizeRequestSecrets {
  state: string;
  /** Only for `code` flows with PKCE. */
  codeChallenge?: string | undefined;
}

/**
 * The authorization request URL (RFC 6749 §4.1.1 / §4.2.1, RFC 7636 §4.3).
 * Query parameters already in the endpoint and `options.params` are kept; the
 * protocol parameters are set last so neither can override them.
 */
export const buildAuthorizeUrl = (options: ResolvedOptions, secrets: AuthorizeRequestSecrets): string => {
  const url = new URL(options.authorizeUrl);
  const query = url.searchParams;
  for (const [name, value] of Object.entries(options.params)) query.set(name, value);
  query.set('client_id', options.clientId);
  query.set('redirect_uri', options.redirectUri);
  query.set('response_type', options.responseType);
  query.set('state', secrets.state);
  if (options.scope) query.set('scope', options.scope);
  if (secrets.codeChallenge) {
    query.set('code_challenge', secrets.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return url.href;
};
