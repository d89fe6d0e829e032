/* eslint-disable @typescript-eslint/no-unused-vars -- the snippets show values a partner goes on to use */
// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.
declare const code: string, redirectUri: string, codeVerifier: string;
declare const tokenUrl: string, clientId: string, clientSecret: string | undefined;

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
  // tokens: { accessToken, tokenType, expiresIn?, expiresAt?, refreshToken?, scope?, idToken?, claims?, raw }
  const later = await refreshToken({ tokenUrl, clientId, clientSecret, refreshToken: tokens.refreshToken! });
} catch (error) {
  if (error instanceof TokenError) console.log(error.error, error.errorDescription, error.status);
  // error.error: the provider's RFC 6749 §5.2 code (invalid_grant, invalid_client, …),
  // or network_error (no whole response; status 0; the description says why: ECONNREFUSED,
  // ENOTFOUND, timeout), invalid_response (not a valid answer), invalid_request (no code: nothing sent).
}
// #endregion readme

export {};
