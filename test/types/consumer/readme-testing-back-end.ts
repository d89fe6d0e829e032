// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Test your sign-in in CI"; test/testing/run.js runs it in a consumer project.
// #region readme
// tests/back-end.spec.ts
import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'oauth-connect/testing';

test('the back end exchanges a code and says who signed in', async ({ request, baseURL, mockProvider }) => {
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const redirectUri = `${baseURL}/callback.html`;
  const code = await mockProvider.issueCode({
    clientId: 'partner-site',
    redirectUri,
    codeChallenge,
    scope: 'profile email',
    user: 'ada@example.com',
  });

  const response = await request.post('/api/session', { data: { code, redirectUri, codeVerifier } });
  expect(await response.json()).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
  const token = (await mockProvider.requests()).find((entry) => entry.endpoint == 'token');
  expect(token).toMatchObject({
    clientAuthentication: 'client_secret_basic',
    params: { grant_type: 'authorization_code', code: '[masked]' },
  });

  // A code is good once.
  const again = await request.post('/api/session', { data: { code, redirectUri, codeVerifier } });
  expect(await again.json()).toEqual({ error: 'invalid_grant' });
});
// #endregion readme

export {};
