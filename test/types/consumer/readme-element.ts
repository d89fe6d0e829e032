/* eslint-disable @typescript-eslint/no-unused-vars -- the snippets show values a partner goes on to use */
// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// What the snippet takes from the text around it is declared first.

// #region readme
import 'oauth-connect/define';

const button = document.querySelector('oauth-connect')!; // typed as OAuthConnectElement
button.addEventListener('connect-success', (event) => {
  // event.detail is typed: a code result (code, codeVerifier, redirectUri) or a token result.
});
// #endregion readme

export {};
