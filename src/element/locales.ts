import { renderAll } from './live.js';

/** The words on the button. `%` stands for a name: the provider's, or the account's. */
export interface ConnectStrings {
  /** Button text without a provider: "Sign in". */
  signIn: string;
  /** Button text with a provider: "Sign in with %". */
  signInWith: string;
  /** Button text with a provider whose preset's action is `connect`: "Connect to %". */
  connectWith?: string;
  /** Read after the button text by screen readers: "opens a new window". */
  newWindow: string;
  /** Status while the popup is open: "Waiting for %…". */
  waiting: string;
  /** The same, for a provider the element cannot name (no preset, a server-bound one): "Waiting for sign-in…". */
  waitingSignIn: string;
  /** The button that ends a pending flow. */
  cancel: string;
  /** Status after success. */
  success: string;
  /** Status after an error; the button stays there to retry. */
  error: string;
  /** Status after the user declined at the provider (`access_denied`). */
  cancelled: string;
  /** Status after a setup mistake of the page (`invalid_config`, `callback_failed`): retrying cannot help. */
  unavailable: string;
  /**
   * Status while an account is connected to a named provider: "Connected to %1 as %2" (%1 the
   * provider, %2 the account's name). A language that has only `connectedAs` keeps it.
   */
  connectedTo?: string;
  /** Status while an account is connected and no provider is named: "Connected as %" (% is the account's name). */
  connectedAs?: string;
  /** The button that ends the connection (English in modes/connected). */
  disconnect?: string;
  /** `mode="auto"` in an in-app browser: "Signing in may not work in this app." (English in modes/auto). */
  inApp?: string;
  /** The hint's link that opens the page in the system browser: "Open in your browser". */
  openInBrowser?: string;
}

/**
 * How the words before a name change with the name, for a language where they do: it gets the
 * words that come before the name in a string, and the name, and returns those words. French
 * elides "de" and "que" before a vowel: `("En attente de ", "Ulule")` gives `"En attente d'"`
 * (see ./locales/fr.ts).
 */
export type LocaleFill = (before: string, name: string) => string;

export interface LocaleOptions {
  /** How this language's words change before a name; by default they do not. */
  fill?: LocaleFill;
  /**
   * These are the language's default words (what the package's language modules register):
   * words registered without `defaults` win over them, whether registered before or after.
   */
  defaults?: boolean;
}

/** A language as registered: its words, and its fill rule if it has one. */
export interface Language {
  strings: Partial<ConnectStrings>;
  fill?: LocaleFill | undefined;
}

// English is built in. Every other language is a module that registers itself when imported
// (./locales/fr.ts…), so that a page pays only for the languages it imports and nothing is
// fetched at run time.
export const en: ConnectStrings = {
  signIn: 'Sign in',
  signInWith: 'Sign in with %',
  connectWith: 'Connect to %',
  newWindow: 'opens a new window',
  waiting: 'Waiting for %…',
  waitingSignIn: 'Waiting for sign-in…',
  cancel: 'Cancel',
  success: 'Connected',
  error: 'Sign-in failed. Try again.',
  cancelled: 'Sign-in cancelled.',
  unavailable: 'Sign-in is not available on this page.',
  // "Connected to % as %", "Disconnect": English in modes/connected, which shows them.
};

/**
 * `template` with its names in: `%` (or `%1`, `%2`… for several) stands for each name in order;
 * the language's `fill`, if it has one, adjusts the words before each.
 */
export const fillNames = (template: string, names: string[], fill?: LocaleFill): string =>
  template.replace(/([^%]*)%(\d?)/g, (_, before: string, n: string) => {
    const name = names[n ? +n - 1 : 0] ?? '';
    return (fill ? fill(before, name) : before) + name;
  });

/** The registered languages by lower-case tag: [0] the language modules' words, [1] the page's. */
export const registered: [Partial<Record<string, Language>>, Partial<Record<string, Language>>] = [{}, {}];

/**
 * Adds a language, or replaces some of a language's strings. `lang` is a BCP 47 tag such as `it`
 * or `pt-BR`. Strings registered here win over those of the package's language module
 * (`oauth-connect/locales/fr`), imported before or after; the module still gives the others.
 * Every element on the page renders again in the new words.
 */
export const registerLocale = (lang: string, strings: Partial<ConnectStrings>, options: LocaleOptions = {}): void => {
  const layer = registered[options.defaults ? 0 : 1];
  const tag = lang.toLowerCase();
  const was = layer[tag];
  layer[tag] = { strings: { ...was?.strings, ...strings }, fill: options.fill ?? was?.fill };
  renderAll();
};

/** What the page's entry does for a language whose module was not imported (see setLocaleLoader). */
export let localeLoader: ((lang: string) => void) | undefined;

/**
 * Internal, for the entries: what to do for a language whose module was not imported. The
 * script-tag bundle `import()`s `locales/<lang>.js` beside itself (the module registers itself when
 * it arrives); the npm entry (src/element.ts) warns which import is missing. Called once per
 * language per page.
 */
export const setLocaleLoader = (load: (lang: string) => void): void => {
  localeLoader = load;
};
