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
import { TokenError, type CallRecord } from './errors.js';
import { guardedFetch } from './http.js';

/**
 * UltraCart's own revoke (its SDK docs, `oauthRevoke`): `POST` with `client_id` and `token`, which
 * ends the application for the whole account, not RFC 7009. Resolves with 1 (the grant's tokens go).
 */
const revokeApplication = async (provider: Provider, accessToken: string): Promise<number> => {
  const { options } = provider.client;
  const url = String(options.revocationUrl);
  const record: CallRecord = { status: 0 };
  const response = await guardedFetch(
    options,
    record,
    'revocation request',
  )(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ client_id: options.clientId, token: accessToken }),
  });
  const answer = (await response.json().catch(() => undefined)) as
    { successful?: unknown; message?: unknown } | undefined;
  if (!response.ok || answer?.successful === false)
    throw new TokenError(
      'invalid_request',
      `The provider refused to revoke the application${typeof answer?.message == 'string' ? `: ${answer.message.slice(0, 500)}` : ''}.`,
      { status: response.status },
    );
  return 1;
};

/**
 * RFC 7009 §2.1: revoking the refresh token ends the grant; the access token may outlive it, so it
 * goes too. Resolves with the number of tokens revoked (none when the provider has no revocation).
 * A provider whose revocation ends the whole application (UltraCart) revokes only when `application`
 * asks for it: an ordinary logout then forgets the session only.
 */
export const revokeGrant = async (
  provider: Provider,
  tokens: { accessToken: string; refreshToken?: string },
  { application = false } = {},
) => {
  if (provider.revocation == 'none') return 0;
  if (provider.revocation == 'application') return application ? revokeApplication(provider, tokens.accessToken) : 0;
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
        revoked += await revokeGrant(provider, grant.tokens, { application: true });
      } catch (error) {
        // The sessions are ended either way; a provider that fails to revoke is for the log.
        reportFailure(error, 'deleteUserSessions (revocation)', onError);
      }
    }
    return { sessions: ended, revoked };
  };
