import { BoundedMap } from './bounded.js';
import { random, type Settings } from './settings.js';

/** An authorization code, until it expires (kept after use, to detect its reuse). */
export interface AuthorizationCode {
  /** The issuer's path: a code is good at its own issuer's token endpoint only. */
  issuerPath: string;
  /** The issuer identifier the authorization response named, for the ID token's `iss`. */
  issuer: string;
  clientId: string;
  redirectUri: string;
  email: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  /** OpenID Connect: an ID token goes with the tokens. */
  oidc: boolean;
  nonce: string | undefined;
  /** When the user signed in, in seconds of real time (OpenID Connect's `auth_time`). */
  authTime: number;
  expiresAt: number;
  used: boolean;
  grantId: string;
}

export interface IssuedToken {
  issuerPath: string;
  clientId: string;
  email: string;
  scope: string;
  expiresAt: number;
  /** Every token from one authorization shares it, so they can be revoked together. */
  grantId: string | undefined;
}

export interface IssuedRefreshToken extends IssuedToken {
  grantId: string;
  /** Rotated away (RFC 9700 §4.14.2). */
  used: boolean;
}

/** What a token response carries (RFC 6749 §5.1). */
export interface TokenSet {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  id_token?: string;
  /** As UltraCart (`profile: 'ultracart'`): the merchant account that authorized the token. */
  merchant_id?: string;
}

/** Who a token is for: the issuer, the client, the user, the scope. */
export interface TokenFor {
  issuerPath: string;
  clientId: string;
  email: string;
  scope: string;
}

/** Codes and tokens: what the authorization and token endpoints issue and the resources accept. */
export interface Grants {
  codes: Map<string, AuthorizationCode>;
  accessTokens: Map<string, IssuedToken>;
  refreshTokens: Map<string, IssuedRefreshToken>;
  /** Grants revoked as a whole (a code or a refresh token came back). */
  isRevoked(grantId: string | undefined): boolean;
  issueCode(code: Omit<AuthorizationCode, 'expiresAt' | 'used' | 'grantId'>): string;
  issueAccessToken(to: TokenFor, grantId: string | undefined): string;
  /** An access token for one grant, as a token response without a refresh token (a refresh that keeps it). */
  issueAccessTokenAnswer(to: TokenFor, grantId: string): Omit<TokenSet, 'refresh_token'>;
  /** An access token and a refresh token for one grant. */
  issueTokenSet(to: TokenFor, grantId: string): TokenSet;
  /** Revokes every token issued from one authorization (RFC 6749 §4.1.2 on code reuse; RFC 9700 §4.14.2). */
  revokeGrant(grantId: string): void;
  /**
   * Test knob: the matching access tokens (and refresh tokens, with `refreshTokens`)
   * expire now, as if their lifetime had passed. Returns how many.
   */
  expire(match: TokenMatch, refreshTokens: boolean): number;
  /** Test knob: every grant with a matching token is revoked, as if the user had disconnected. Returns how many grants. */
  revokeMatching(match: TokenMatch): number;
  reset(): void;
}

/** Which tokens a knob acts on: all, or those of one client and/or one account. */
export interface TokenMatch {
  clientId?: string;
  /** The account's email (any case). */
  user?: string;
}

const matches = (issued: IssuedToken, match: TokenMatch) =>
  (match.clientId === undefined || issued.clientId == match.clientId) &&
  (match.user === undefined || issued.email == match.user.toLowerCase());

export const createGrants = (settings: Settings, now: () => number): Grants => {
  const { codeTtl, tokenTtl, refreshTtl, log, maxEntries } = settings;
  const expiry = (entry: { expiresAt: number }) => entry.expiresAt;
  const codes = new BoundedMap<string, AuthorizationCode>(maxEntries, now, expiry);
  const accessTokens = new BoundedMap<string, IssuedToken>(maxEntries, now, expiry);
  const refreshTokens = new BoundedMap<string, IssuedRefreshToken>(maxEntries, now, expiry);
  // A revoked grant is remembered as long as any of its tokens could live.
  const revokedGrants = new BoundedMap<string, { expiresAt: number }>(maxEntries, now, expiry);

  const issueAccessToken = (to: TokenFor, grantId: string | undefined) => {
    const token = random('mock_at_');
    accessTokens.set(token, { ...to, grantId, expiresAt: now() + tokenTtl * 1000 });
    return token;
  };

  const issueAccessTokenAnswer = (to: TokenFor, grantId: string) => ({
    access_token: issueAccessToken(to, grantId),
    token_type: 'bearer' as const,
    expires_in: tokenTtl,
    scope: to.scope,
  });

  return {
    codes,
    accessTokens,
    refreshTokens,
    isRevoked: (grantId) => grantId !== undefined && revokedGrants.get(grantId) !== undefined,
    issueCode: (details) => {
      const code = random('mock_code_');
      codes.set(code, { ...details, expiresAt: now() + codeTtl * 1000, used: false, grantId: random('grant_') });
      return code;
    },
    issueAccessToken,
    issueAccessTokenAnswer,
    issueTokenSet: (to, grantId) => {
      const refreshToken = random('mock_rt_');
      refreshTokens.set(refreshToken, { ...to, grantId, used: false, expiresAt: now() + refreshTtl * 1000 });
      const { scope, ...answer } = issueAccessTokenAnswer(to, grantId);
      return { ...answer, refresh_token: refreshToken, scope };
    },
    revokeGrant: (grantId) => {
      revokedGrants.set(grantId, { expiresAt: now() + Math.max(refreshTtl, tokenTtl) * 1000 });
      for (const store of [accessTokens, refreshTokens])
        for (const [token, issued] of store) if (issued.grantId == grantId) store.delete(token);
      log(`revoked every token of ${grantId}`);
    },
    expire: (match, refresh) => {
      let count = 0;
      for (const store of refresh ? [accessTokens, refreshTokens] : [accessTokens])
        for (const issued of store.values())
          if (matches(issued, match) && issued.expiresAt > now()) {
            issued.expiresAt = now();
            count++;
          }
      log(`${count} token(s) expired early`);
      return count;
    },
    revokeMatching: (match) => {
      const grantIds = new Set<string>();
      let implicit = 0;
      for (const store of [accessTokens, refreshTokens])
        for (const [token, issued] of store)
          if (matches(issued, match)) {
            // An implicit grant's access token has no grant id: it is a grant of its own.
            if (issued.grantId) grantIds.add(issued.grantId);
            else implicit++;
            store.delete(token);
          }
      for (const grantId of grantIds)
        revokedGrants.set(grantId, { expiresAt: now() + Math.max(refreshTtl, tokenTtl) * 1000 });
      log(`${grantIds.size + implicit} grant(s) revoked`);
      return grantIds.size + implicit;
    },
    reset: () => {
      codes.clear();
      accessTokens.clear();
      refreshTokens.clear();
      revokedGrants.clear();
    },
  };
};
