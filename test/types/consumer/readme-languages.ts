// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).

// #region readme
import { registerLocale } from 'oauth-connect';

// A language of your own. `%` is the provider's name; the words left out are English.
registerLocale('it', { signIn: 'Accedi', signInWith: 'Accedi con %', newWindow: 'apre una nuova finestra' });
// A word of a language that has a file: the rest still comes from the file.
registerLocale('fr', { signInWith: 'Continuer avec %' });
// #endregion readme

export {};
