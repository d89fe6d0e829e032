/**
 * getAccessToken: a valid access token for the session, refreshed when it
 * expires, once per session at a time: across processes under the store's
 * lock, within one process by sharing the refresh's answer, so that a
 * provider that rotates refresh tokens (RFC 9700 §4.14.2) never sees one reused.
 */
import { asAuthError, AuthError } from './exchange.js';
import type { AccessToken, AuthProvider } from './handler.js';
import type { SessionIo } from './sessions.js';
import type { SessionGrant, SessionStore } from './store.js';
import { refreshToken, type TokenSet } from './tokens.js';

/** Refresh this long before the provider's expiry (at most half the lifetime), so a token does not expire on its way. */
const EARLY_REFRESH_MS = 30_000;
/** How long a refresh's answer serves late requests that still carry the cookie from before it. */
const SHARED_REFRESH_MS = 60_000;

export const accessTokens = ({
  providerNamed,
  loadSession,
  saveSession,
  storeCall,
  store,
}: SessionIo & {
  providerNamed: (id: unknown) => [string, AuthProvider];
  store: SessionStore | undefined;
}) => {
  const refreshing = new Map<string, Promise<TokenSet>>();
  const fresh = (grant: SessionGrant | undefined) =>
    grant && (grant.tokens.refreshAt ?? grant.tokens.expiresAt ?? Infinity) > Date.now();
  const result = (grant: SessionGrant, setCookie: string[]): AccessToken => ({
    accessToken: grant.tokens.accessToken,
    tokenType: grant.tokens.tokenType,
    ...(grant.tokens.expiresAt !== undefined && { expiresAt: grant.tokens.expiresAt }),
    setCookie,
  });

  /**
   * One refresh per refresh token in this process: concurrent calls share its
   * answer, and so do calls that arrive a little later with the same (old)
   * cookie, which a rotating provider would otherwise answer with invalid_grant.
   */
  const refreshOnce = (config: AuthProvider, token: string) => {
    let pending = refreshing.get(token);
    if (!pending) {
      pending = refreshToken({ ...config, refreshToken: token });
      refreshing.set(token, pending);
      const forget = () => setTimeout(() => refreshing.delete(token), SHARED_REFRESH_MS).unref?.();
      pending.then(forget, () => refreshing.delete(token));
    }
    return pending;
  };

  return async (request: Request, providerId: string): Promise<AccessToken> => {
    const [, config] = providerNamed(providerId);
    let session = await loadSession(request);
    const grant = session.data.grants[providerId];
    if (!grant) throw new AuthError('login_required', `Not signed in with ${providerId}.`, 401);
    if (fresh(grant)) return result(grant, []);
    if (!grant.tokens.refreshToken)
      throw new AuthError('login_required', `The ${providerId} access token expired and cannot be refreshed.`, 401);
    const sessionId = session.id;
    const release =
      store && sessionId ? await storeCall(() => store.lock(sessionId, { ttlMs: 15_000, waitMs: 15_000 })) : undefined;
    if (store && sessionId && !release)
      throw new AuthError('server_error', 'Another refresh of this session is taking too long.', 503);
    try {
      // Another process may have refreshed while this one waited for the lock.
      if (release) session = await loadSession(request);
      const current = session.data.grants[providerId];
      if (!current) throw new AuthError('login_required', `Not signed in with ${providerId}.`, 401);
      // Fresh, or refreshed by someone else while this call waited: theirs is the new one.
      if (fresh(current) || current.tokens.accessToken != grant.tokens.accessToken) return result(current, []);
      const tokens = await refreshOnce(config, current.tokens.refreshToken ?? '').catch((error: unknown) => {
        // invalid_grant: the grant is gone at the provider (revoked, or its refresh token reused).
        throw asAuthError(error);
      });
      const refreshed: SessionGrant = {
        account: current.account,
        // A provider that does not rotate keeps the old refresh token valid (RFC 6749 §6).
        tokens: storedTokens({
          ...tokens,
          refreshToken: tokens.refreshToken ?? current.tokens.refreshToken,
          idToken: tokens.idToken ?? current.tokens.idToken,
        }),
      };
      session.data.grants[providerId] = refreshed;
      return result(refreshed, await saveSession(request, session));
    } finally {
      await release?.();
    }
  };
};

export const storedTokens = (tokens: TokenSet): SessionGrant['tokens'] => ({
  accessToken: tokens.accessToken,
  tokenType: tokens.tokenType,
  ...(tokens.expiresAt !== undefined && {
    expiresAt: tokens.expiresAt,
    refreshAt: tokens.expiresAt - Math.min(EARLY_REFRESH_MS, ((tokens.expiresIn ?? 0) * 1000) / 2),
  }),
  ...(tokens.refreshToken && { refreshToken: tokens.refreshToken }),
  ...(tokens.idToken && { idToken: tokens.idToken }),
  ...(tokens.scope && { scope: tokens.scope }),
});
