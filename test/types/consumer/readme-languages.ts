// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).

// #region readme
import { registerLocale } from 'oauth-connect';

// A language of your own. `%` is the provider's name; the words left out are English.
registerLocale('it', { signIn: 'Accedi', signInWith: 'Accedi con %', newWindow: 'apre una nuova finestra' });
// A word of a language that has a module: the rest still comes from the module.
registerLocale('fr', { signInWith: 'Continuer avec %' });
// Catalan elides "de" before a vowel, as French does: "Esperant la resposta d'Ulule…".
registerLocale(
  'ca',
  { signIn: 'Inicia la sessió', signInWith: 'Inicia la sessió amb %', waiting: 'Esperant la resposta de %…' },
  { fill: (before, name) => (/^[aeiouh]/i.test(name) ? before.replace(/\bde $/, "d'") : before) },
);
// #endregion readme

export {};
