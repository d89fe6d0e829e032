/**
 * Ending a grant for good: revoking its tokens at the provider (RFC 7009), and
 * `deleteUserSessions`, which ends every session holding one provider's grant
 * for one account, through the store's index by provider and account.
 */
import type { Provider, ProviderNamed } from './providers.js';
import { reportFailure } from './requests.js';
import type { Sessions } from './session.js';
import type { SessionStore } from './store.js';
import { canRevoke, revokeWith } from './tokens.js';

/**
 * RFC 7009 §2.1: revoking the refresh token ends the grant; the access token may outlive it, so it
 * goes too. Resolves with the number of tokens revoked (none when the provider has no revocation).
 */
export const revokeGrant = async (provider: Provider, tokens: { accessToken: string; refreshToken?: string }) => {
  if (!(await canRevoke(provider.client))) return 0;
  if (tokens.refreshToken)
    await revokeWith(provider.client, { token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
  await revokeWith(provider.client, { token: tokens.accessToken, tokenTypeHint: 'access_token' });
  return tokens.refreshToken ? 2 : 1;
};

export const userSessionsEnder =
  ({
    providerNamed,
    sessions,
    store,
    onError,
  }: {
    providerNamed: ProviderNamed;
    sessions: Sessions;
    store: SessionStore | undefined;
    onError: ((error: unknown) => void) | undefined;
  }) =>
  async (providerId: string, accountId: string): Promise<{ sessions: number; revoked: number }> => {
    const provider = providerNamed(providerId);
    if (!store)
      throw new TypeError(
        'oauth-connect/server: deleteUserSessions needs a store: sealed sessions live in the browsers, where the server cannot reach them.',
      );
    const sessionIds = store.sessionIds?.bind(store);
    if (!sessionIds)
      throw new TypeError(
        'oauth-connect/server: deleteUserSessions needs a store with sessionIds(provider, accountId) (memoryStore and redisStore have it).',
      );
    const ids = await sessions.storeCall(() => sessionIds(provider.id, accountId));
    let ended = 0;
    let revoked = 0;
    for (const id of ids) {
      const data = await sessions.storeCall(() => store.get(id));
      const grant = data?.grants[provider.id];
      if (!grant || grant.account.id !== accountId) continue;
      // The session goes first: a refresh finishing meanwhile then finds it gone instead of writing it back.
      await sessions.storeCall(() => store.delete(id));
      ended++;
      try {
        revoked += await revokeGrant(provider, grant.tokens);
      } catch (error) {
        // The sessions are ended either way; a provider that fails to revoke is for the log.
        reportFailure(error, 'deleteUserSessions (revocation)', onError);
      }
    }
    return { sessions: ended, revoked };
  };
