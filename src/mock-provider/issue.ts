import type { Context } from './context.js';
import { random } from './settings.js';
import { validateAuthorization } from './authorize-request.js';
import type { TokenSet } from './grants.js';
import { toParams } from './http.js';
import { signIdToken } from './token.js';

/** What `issueCode` takes: an authorization request's parameters, by their names in the code. */
export interface IssueCodeOptions {
  clientId: string;
  /** Default: the client's first registered redirect URI. */
  redirectUri?: string;
  codeChallenge?: string;
  /** Default `S256`. */
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  /** Default: the provider's `defaultScope`. */
  scope?: string;
  /** The email of the account the code is for. Default: the first account. */
  user?: string;
  /**
   * The issuer identifier (`provider.issuer`, or `${provider.url}/tenant-a` for
   * one of `issuers`). `startMockProvider`'s provider knows its own; a provider
   * from `createMockProvider` needs this or the `issuer` option.
   */
  issuer?: string;
}

export type IssueTokenOptions = Omit<IssueCodeOptions, 'codeChallenge' | 'codeChallengeMethod'>;

/**
 * Codes and tokens without a browser, for testing a back end alone. The
 * request is checked as the authorization endpoint checks it (client, redirect
 * URI, scope, PKCE), and a refused one throws with the OAuth error it would
 * have redirected with.
 */
export const createIssuing = (context: Context) => {
  const { accounts, grants, issuers, options } = context;

  const prepare = (request: IssueCodeOptions, pkce: boolean) => {
    const client = accounts.clients.get(request.clientId);
    const issuer = (request.issuer ?? options.issuer)?.replace(/\/+$/, '');
    if (!issuer)
      throw new TypeError('Pass the issuer (provider.url): a provider that has served no request does not know it.');
    const path = issuers.paths.find((candidate) => issuer.endsWith(candidate)) ?? '';
    const params = new Map<string, string>([
      ['client_id', request.clientId],
      ['redirect_uri', request.redirectUri ?? client?.redirectUris[0] ?? ''],
      ['response_type', 'code'],
    ]);
    if (request.scope !== undefined) params.set('scope', request.scope);
    if (request.nonce !== undefined) params.set('nonce', request.nonce);
    if (pkce && request.codeChallenge !== undefined) {
      params.set('code_challenge', request.codeChallenge);
      params.set('code_challenge_method', request.codeChallengeMethod ?? 'S256');
    }
    // Tokens come without a code, so PKCE has nothing to bind: a stand-in passes a public client's check.
    if (!pkce) params.set('code_challenge', 'A'.repeat(43)).set('code_challenge_method', 'S256');
    const validated = validateAuthorization(context, toParams([...params]), issuer);
    if ('error' in validated) throw new Error(`${validated.error}: ${validated.description}`);
    const email = (request.user ?? [...accounts.users.keys()][0] ?? '').toLowerCase();
    const user = accounts.users.get(email);
    if (!user) throw new Error(`No account has the email ${JSON.stringify(email)}.`);
    return { request: validated, issuer: { path, id: issuer }, user };
  };

  return {
    issueCode: (options: IssueCodeOptions): string => {
      const { request, issuer, user } = prepare(options, true);
      return grants.issueCode({
        issuerPath: issuer.path,
        issuer: issuer.id,
        oidc: request.oidc,
        nonce: request.nonce,
        authTime: Math.floor(Date.now() / 1000),
        clientId: request.client.clientId,
        redirectUri: request.redirectUri,
        email: user.email.toLowerCase(),
        scope: request.scope,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
      });
    },
    /** The token response a code exchange would give (with an ID token for `openid`), for a new grant. */
    issueToken: async (options: IssueTokenOptions): Promise<TokenSet> => {
      // The authorization request is checked without PKCE: no code is involved.
      const { request, issuer, user } = prepare(options, false);
      const email = user.email.toLowerCase();
      const to = { issuerPath: issuer.path, clientId: request.client.clientId, email, scope: request.scope };
      const tokens = grants.issueTokenSet(to, random('grant_'));
      if (request.oidc)
        tokens.id_token = await signIdToken(
          context,
          { ...to, issuer: issuer.id, authTime: Math.floor(Date.now() / 1000), nonce: request.nonce },
          user,
        );
      return tokens;
    },
  };
};
