import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** panva's oidc-provider on 127.0.0.1: a certified OpenID provider that sends `iss` and requires PKCE. */
export const OIDC_CLIENT = { id: 'oc-client', secret: 'oc-secret-that-is-long-enough-for-hs256-0123456789' };
export const OIDC_REDIRECT_URI = 'http://localhost:5173/callback.html';

export interface RunningOidcProvider {
  issuer: string;
  provider: Provider;
  close(): Promise<void>;
}

/** `redirectUris`: the client's registered ones (a browser test's own callback page). */
export const startOidcProvider = async (redirectUris = [OIDC_REDIRECT_URI]): Promise<RunningOidcProvider> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    features: { revocation: { enabled: true }, devInteractions: { enabled: true } },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, name: 'Ada Lovelace', email: `${id}@example.com`, email_verified: true }),
    }),
    // Refresh tokens for this client whenever offline_access was asked for, without a consent prompt rule.
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    cookies: { keys: ['test-only-cookie-key'] },
  });
  // oidc-provider warns loudly about its development-only defaults; the tests know.
  provider.on('server_error', (_ctx, error) => console.error(error));
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/**
 * Runs an authorization request through oidc-provider's own login and consent
 * pages over HTTP (a cookie jar, its forms), as a browser would, and returns
 * the parameters of the redirect to the redirect URI.
 */
export const signInAt = async (authorizeUrl: URL | string, login = 'ada'): Promise<URLSearchParams> => {
  const jar = new Map<string, string>();
  let url = new URL(authorizeUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      if (location.startsWith(OIDC_REDIRECT_URI)) return new URL(location).searchParams;
      url = new URL(location, url);
      init = {};
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (response.status != 200 || !action)
      throw new Error(`oidc-provider: HTTP ${response.status} ${html.slice(0, 300)}`);
    const prompt = html.includes('name="login"') ? 'login' : 'consent';
    url = new URL(action.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(prompt == 'login' ? { prompt, login, password: 'any' } : { prompt }).toString(),
    };
  }
  throw new Error('oidc-provider: too many steps');
};
