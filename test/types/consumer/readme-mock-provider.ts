// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.

// #region readme
import { startMockProvider } from 'oauth-connect/mock-provider';

const provider = await startMockProvider({
  port: 0, // any free port; read provider.url
  clients: [
    {
      clientId: 'my-app',
      clientSecret: 'test-secret', // leave out for a public client: PKCE is then required
      name: 'My App', // shown on the consent page
      redirectUris: ['http://localhost:3000/callback.html'], // matched exactly
    },
  ],
  users: [{ name: 'Test User', email: 'test@example.com', password: 'password123' }],
  autoApprove: true, // unattended tests: no pages, straight back with a code
});
// provider.url, .issuer, .authorizeUrl, .tokenUrl, .userInfoUrl, .revocationUrl, .oidcUserInfoUrl, .jwksUrl
await provider.close();
// #endregion readme

// #region readme
await fetch(`${provider.url}/fail-next-request`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ error: 'temporarily_unavailable', endpoint: 'token' }),
});
// #endregion readme

declare const codeChallenge: string;
// #region readme
// A code as the authorize endpoint gives it after the user's Allow (same checks: client,
// redirect URI, scope, PKCE); your back end exchanges it as it would a real one.
const code = provider.issueCode({
  clientId: 'my-app',
  redirectUri: 'http://localhost:3000/callback.html',
  codeChallenge, // S256 of the verifier your test sends
  nonce: 'n-1', // OpenID Connect
  scope: 'openid email',
  user: 'test@example.com', // default: the first account
});
// Or the token response itself (access, refresh and, for openid, ID token), for a new grant.
const tokens = await provider.issueToken({ clientId: 'my-app', scope: 'profile email' });

// Every protocol request since start or reset(): endpoint, parameters, client authentication
// (client_secret_basic, client_secret_post, none; bearer at userinfo); secrets, codes and tokens read "[masked]".
const scope = provider.lastAuthorization()?.params.scope; // 'openid email'
const auth = provider.requests().find((r) => r.endpoint == 'token')?.clientAuthentication;
// User-info and API calls ('userinfo', 'api') also show their path and every header they carried,
// credentials masked: { authorization: 'Bearer [masked]', cookie: '[masked]', 'x-ultracart-api-version': '2017-03-01', … }
const carried = provider
  .requests()
  .filter((r) => r.endpoint == 'api')
  .map((r) => r.headers);
// #endregion readme
void [code, tokens, scope, auth, carried];

export {};
