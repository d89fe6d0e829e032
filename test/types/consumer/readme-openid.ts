// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.
import { exchangeCode, fetchUserInfo, revokeToken } from 'oauth-connect/server';

declare const code: string, redirectUri: string, codeVerifier: string, nonce: string, iss: string;
declare const issuer: string, clientId: string, clientSecret: string | undefined;

// #region readme
const tokens = await exchangeCode({
  issuer: 'https://accounts.example.com', // yours, not the event's
  clientId,
  clientSecret,
  code,
  redirectUri,
  codeVerifier,
  nonce, // the detail's nonce: the ID token must carry it
  iss, // the `iss` the callback received, as received
});
tokens.claims; // { iss, sub, aud, exp, iat, nonce, … }, validated
await fetchUserInfo({
  issuer,
  clientId,
  clientSecret,
  accessToken: tokens.accessToken,
  expectedSubject: tokens.claims!.sub,
});
await revokeToken({ issuer, clientId, clientSecret, token: tokens.refreshToken!, tokenTypeHint: 'refresh_token' });
// #endregion readme

export {};
