/* eslint-disable @typescript-eslint/no-unused-vars -- the snippets show values a partner goes on to use */
// README.md's TypeScript snippets that are not a demo example, type-checked by
// test/types/run.js against the packed package (test/e2e/readme-snippets.api.spec.ts
// checks each region is in the README as is). What a snippet takes from its
// surroundings is declared first.
declare const code: string, redirectUri: string, codeVerifier: string;
declare const tokenUrl: string, clientId: string, clientSecret: string | undefined;

// #region readme
import 'oauth-connect/define';

const button = document.querySelector('oauth-connect')!; // typed as OAuthConnectElement
button.addEventListener('connect-success', (event) => {
  // event.detail is typed: a code result (code, codeVerifier, redirectUri) or a token result.
});
// #endregion readme

// #region readme
import { exchangeCode, refreshToken, TokenError } from 'oauth-connect/server';

try {
  const tokens = await exchangeCode({
    tokenUrl: 'https://connect.ulule.com/oauth2/token/',
    clientId: process.env.CLIENT_ID!,
    clientSecret: process.env.CLIENT_SECRET, // stays on the server
    code, // from the connect-success detail
    redirectUri, // the same redirect URI as the authorization request (RFC 6749 §4.1.3)
    codeVerifier, // the PKCE verifier from the detail (RFC 7636 §4.5)
  });
  // tokens: { accessToken, tokenType, expiresIn?, expiresAt?, refreshToken?, scope?, raw }
  const later = await refreshToken({ tokenUrl, clientId, clientSecret, refreshToken: tokens.refreshToken! });
} catch (error) {
  if (error instanceof TokenError) console.log(error.error, error.errorDescription, error.status);
  // error.error: the provider's RFC 6749 §5.2 code (invalid_grant, invalid_client, …),
  // or network_error (no response; status 0) or invalid_response (not a token response).
}
// #endregion readme

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
