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

export {};
