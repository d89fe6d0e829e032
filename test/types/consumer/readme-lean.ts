// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).

// #region readme
import 'oauth-connect/element';
import 'oauth-connect/modes/server-bound'; // only if an element has `server`
// #endregion readme

export {};
