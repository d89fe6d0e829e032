/** The words on the button. `%` stands for the provider's name. */
export interface ConnectStrings {
  /** Button text without a provider: "Sign in". */
  signIn: string;
  /** Button text with a provider: "Sign in with %". */
  signInWith: string;
  /** Read after the button text by screen readers: "opens a new window". */
  newWindow: string;
  /** Status while the popup is open: "Waiting for %…". */
  waiting: string;
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
  /** Status while an account is connected: "Connected as %" (% is the account's name). */
  connectedAs: string;
  /** The button that ends the connection. */
  disconnect: string;
}

const keys = [
  'signIn',
  'signInWith',
  'newWindow',
  'waiting',
  'cancel',
  'success',
  'error',
  'cancelled',
  'unavailable',
  'connectedAs',
  'disconnect',
] as const;

// One string a language keeps the bundle small; order as in `keys`. English is built in; the other
// languages load on demand (`loadLocale`), each from its own small file beside the bundle, so that a
// page pays only for its own language.
const builtIn: Partial<Record<string, string>> = {
  en: 'Sign in|Sign in with %|opens a new window|Waiting for %…|Cancel|Connected|Sign-in failed. Try again.|Sign-in cancelled.|Sign-in is not available on this page.|Connected as %|Disconnect',
};

// Literal imports, so that the bundle build and a partner's bundler both emit each file beside the module.
const loaders: Partial<Record<string, () => Promise<{ default: string }>>> = {
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  de: () => import('./locales/de.js'),
};

/**
 * Loads the built-in strings of `lang`'s language once; resolves when they are there (at once for
 * English, a language without built-in strings or one loaded already). Until then `stringsFor` gives
 * English. A file that fails to load leaves English (tried again on the next call).
 */
export const loadLocale = (lang: string): Promise<void> | undefined => {
  const base = lang.toLowerCase().replace(/-.*/, '');
  const load = loaders[base];
  if (!load) return;
  loaders[base] = undefined;
  return load().then(
    (strings) => void (builtIn[base] = strings.default),
    () => void (loaders[base] = load),
  );
};

const added: Partial<Record<string, Partial<ConnectStrings>>> = {};

/** Adds a language, or replaces some of a built-in one's strings. `lang` is a BCP 47 tag such as `it` or `pt-BR`. */
export const registerLocale = (lang: string, strings: Partial<ConnectStrings>): void => {
  const tag = lang.toLowerCase();
  added[tag] = { ...added[tag], ...strings };
};

/** The strings for `lang` (`fr-CA` falls back to `fr`, anything unknown to English). */
export const stringsFor = (lang: string): ConnectStrings => {
  const tag = lang.toLowerCase();
  const base = tag.replace(/-.*/, '');
  const words = (builtIn[tag] ?? builtIn[base] ?? (builtIn.en as string)).split('|');
  return {
    ...Object.fromEntries(keys.map((key, i) => [key, words[i]])),
    ...added[base],
    ...added[tag],
  } as ConnectStrings;
};

/**
 * `template` with `%` replaced by `name`. In French, "de" elides before a
 * vowel or a mute h: "En attente d'Ulule…", "d'UltraCart" (an h is taken as mute,
 * as most are in names).
 */
export const fill = (template: string, name: string, lang: string): string =>
  (/^fr\b/i.test(lang) && /^[aeiouhàâäéèêëîïôöùûü]/i.test(name) ? template.replace(/\bde %/, "d'%") : template).replace(
    '%',
    name,
  );
