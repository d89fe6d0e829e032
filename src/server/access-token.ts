/**
 * getAccessToken: a valid access token for the session, refreshed when it
 * expires, once per session at a time: across processes under the store's
 * lock, within one process by sharing the refresh's answer, so that a
 * provider that rotates refresh tokens (RFC 9700 §4.14.2) never sees one
 * reused. A refused refresh ends the grant; a refresh never extends the session.
 */
import { AuthError, ERROR_CODES } from './errors.js';
import type { ProviderNamed, Provider } from './providers.js';
import { asAuthError } from './requests.js';
import type { Sessions } from './session.js';
import { dropGrant, type SessionGrant, type SessionStore } from './store.js';
import { refreshWith, type TokenSet } from './tokens.js';

/** Refresh this long before the provider's expiry (at most half the lifetime), so a token does not expire on its way. */
const EARLY_REFRESH_MS = 30_000;
/** How long a refresh's answer serves late requests that still carry the cookie from before it. */
const SHARED_REFRESH_MS = 60_000;

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt?: number;
  /** Set-Cookie headers your response must carry (a refresh changed the sealed session); often empty. */
  setCookie: string[];
}

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

export const accessTokens = ({
  providerNamed,
  sessions,
  store,
}: {
  providerNamed: ProviderNamed;
  sessions: Sessions;
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
  const notSignedIn = (provider: Provider, setCookie: string[] = []) =>
    new AuthError(ERROR_CODES.loginRequired, `Not signed in with ${provider.id}.`, { status: 401, setCookie });

  /** A refresh with `token`, shared by whoever asks for it until SHARED_REFRESH_MS after its answer. */
  const sharedRefresh = (provider: Provider, token: string) => {
    const pending = refreshWith(provider.client, { refreshToken: token });
    refreshing.set(token, pending);
    const forget = () =>
      setTimeout(() => refreshing.get(token) === pending && refreshing.delete(token), SHARED_REFRESH_MS).unref?.();
    pending.then(forget, () => refreshing.get(token) === pending && refreshing.delete(token));
    return pending;
  };

  /**
   * One refresh per refresh token in this process: concurrent calls share its
   * answer, and so do calls that arrive a little later with the same (old)
   * cookie, which a rotating provider would otherwise answer with invalid_grant.
   * A shared answer holding `rejected` (a provider that keeps its refresh token
   * answered the last refresh with the token it now refuses) is no answer: it is
   * replaced by one new refresh, which every caller that saw it then shares. That
   * one is taken whatever it holds, so a provider that hands the same token back
   * gets one more try, not a loop.
   */
  const refreshOnce = async (provider: Provider, token: string, rejected: string | undefined) => {
    const shared = refreshing.get(token) ?? sharedRefresh(provider, token);
    const tokens = await shared;
    if (rejected === undefined || tokens.accessToken !== rejected) return tokens;
    const current = refreshing.get(token);
    return current && current !== shared ? current : sharedRefresh(provider, token);
  };

  /**
   * `rejected`: an access token the provider answered 401 to (fetchApi): refreshed whatever its
   * expiry says, unless the session already holds another one.
   */
  return async (request: Request, providerId: string, rejected?: string): Promise<AccessToken> => {
    const provider = providerNamed(providerId);
    let session = await sessions.load(request);
    const grant = session.data.grants[provider.id];
    if (!grant) throw notSignedIn(provider);
    const usable = (held: SessionGrant) => fresh(held) && held.tokens.accessToken !== rejected;
    if (usable(grant)) return result(grant, []);
    if (!grant.tokens.refreshToken)
      throw new AuthError(
        ERROR_CODES.loginRequired,
        `The ${provider.id} access token expired and cannot be refreshed.`,
        { status: 401 },
      );
    const sessionId = session.id;
    const release =
      store && sessionId
        ? await sessions.storeCall(() => store.lock(sessionId, { ttlMs: 15_000, waitMs: 15_000 }))
        : undefined;
    if (store && sessionId && !release)
      throw new AuthError(ERROR_CODES.serverError, 'Another refresh of this session is taking too long.', {
        status: 503,
      });
    try {
      // Another process may have refreshed while this one waited for the lock.
      if (release) session = await sessions.load(request);
      const current = session.data.grants[provider.id];
      if (!current) throw notSignedIn(provider);
      // Fresh, or refreshed by someone else while this call waited: theirs is the new one.
      if (usable(current) || current.tokens.accessToken != grant.tokens.accessToken) return result(current, []);
      const used = current.tokens.refreshToken ?? '';
      let tokens: TokenSet;
      try {
        tokens = await refreshOnce(provider, used, rejected);
      } catch (error) {
        const failure = asAuthError(error);
        if (failure.error != 'invalid_grant') throw failure;
        // The grant is gone at the provider (revoked, expired, or its refresh token reused): it ends here too,
        // so /session stops showing the user and no call resends the dead token.
        const { setCookie } = await sessions
          .commit(request, session, (data) => {
            if (data.grants[provider.id]?.tokens.refreshToken === used) dropGrant(data, provider.id);
          })
          .catch((ended: unknown) => (ended instanceof AuthError ? ended : Promise.reject(ended)));
        throw new AuthError(
          ERROR_CODES.loginRequired,
          `The ${provider.id} provider refused the refresh (invalid_grant): sign in again.`,
          // With a store the cookie holds only an id, which now finds no grant: nothing to send.
          { status: 401, cause: error, setCookie: store ? [] : setCookie },
        );
      }
      const refreshed: SessionGrant = {
        account: current.account,
        // A provider that does not rotate keeps the old refresh token valid (RFC 6749 §6).
        tokens: storedTokens({
          ...tokens,
          refreshToken: tokens.refreshToken ?? used,
          idToken: tokens.idToken ?? current.tokens.idToken,
        }),
      };
      // Only this grant is written, and only while it exists: a logout meanwhile is not undone.
      const saved = await sessions.commit(request, session, (data) => {
        if (data.grants[provider.id]) data.grants[provider.id] = refreshed;
      });
      if (!saved.data.grants[provider.id]) throw notSignedIn(provider, saved.setCookie);
      return result(refreshed, saved.setCookie);
    } finally {
      await release?.();
    }
  };
};
