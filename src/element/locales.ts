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
  /** The button that ends the connection. */
  disconnect: string;
}

// English is built in. Every other language is a file in ./locales/ beside this module (and beside
// dist/oauth-connect.js), fetched when an element first renders in it, so that no page pays for
// the words of languages it does not use, and adding a language costs the bundle nothing.
const en: ConnectStrings = {
  signIn: 'Sign in',
  signInWith: 'Sign in with %',
  newWindow: 'opens a new window',
  waiting: 'Waiting for %…',
  waitingSignIn: 'Waiting for sign-in…',
  cancel: 'Cancel',
  success: 'Connected',
  error: 'Sign-in failed. Try again.',
  cancelled: 'Sign-in cancelled.',
  unavailable: 'Sign-in is not available on this page.',
  connectedTo: 'Connected to %1 as %2',
  connectedAs: 'Connected as %',
  disconnect: 'Disconnect',
};

/** The languages with a file in ./locales/ (src/element/locales/*.json); any other fetches nothing. */
const files = ['fr', 'es', 'de'];

/**
 * Each language's file: its fetch while it loads (started once per page, shared by every element;
 * spreading a promise adds no strings), then its strings.
 */
const fetched: Partial<Record<string, Promise<void> | ConnectStrings>> = {};
/** The strings partners registered, by lower-case tag. */
const added: Partial<Record<string, Partial<ConnectStrings>>> = {};

/**
 * Adds a language, or replaces some of a language's strings (they win over its file, which still
 * gives the others). `lang` is a BCP 47 tag such as `it` or `pt-BR`.
 */
export const registerLocale = (lang: string, strings: Partial<ConnectStrings>): void => {
  const tag = lang.toLowerCase();
  added[tag] = { ...added[tag], ...strings };
};

/**
 * The strings for `lang`: registered ones first (`fr-CA`'s, then `fr`'s), then the language's file,
 * then English (for anything unknown, and while the file loads). The first call for a language
 * with a file that registered strings do not cover starts its fetch, once per page: `loaded` runs
 * when the file has arrived (or failed: one warning, and the language stays English).
 */
export const stringsFor = (lang: string, loaded?: () => void): ConnectStrings => {
  const tag = lang.toLowerCase();
  const base = tag.replace(/-.*/, '');
  const own = { ...added[base], ...added[tag] };
  if (files.includes(base) && !fetched[base] && Object.keys(en).some((key) => !(key in own))) {
    // This form is what bundlers follow: Vite emits each file and rewrites the URL. `no-inline`
    // keeps them files: inlined, every language would be in the app's bundle again.
    const url = new URL(`./locales/${base}.json?no-inline`, import.meta.url);
    fetched[base] = fetch(url)
      .then((response) => (response.ok ? response.json() : Promise.reject()))
      .then(
        (strings: ConnectStrings) => void (fetched[base] = strings),
        () =>
          console.warn(
            // The last sentence is for the npm build only (the bundle build drops it): Vite's dev
            // server bundles dependencies into node_modules/.vite/deps/, away from their files.
            `oauth-connect: ${url} failed; serve the locales/ folder beside oauth-connect.js or call registerLocale` +
              ". In Vite's dev server, add 'oauth-connect' to optimizeDeps.exclude.",
          ),
      )
      .then(loaded);
  }
  const local = { ...fetched[base], ...own };
  // A language (or a partner's strings) with "Connected as" only: not English's "Connected to … as …".
  return { ...en, ...local, ...(local.connectedAs && !local.connectedTo && { connectedTo: undefined }) };
};

/**
 * The fetch of `lang`'s file once an element has started it (its strings once they are there):
 * what the gallery and tests await.
 */
export const localeFetch = (lang: string): Promise<void> | ConnectStrings | undefined =>
  fetched[lang.toLowerCase().replace(/-.*/, '')];

/**
 * `template` with `%` (or `%1`) replaced by `name` and `%2` by `second`, in one pass (a name with
 * a `%` in it stays as it is). In French, "de" elides before a vowel or a mute h: "En attente
 * d'Ulule…", "d'UltraCart" (an h is taken as mute, as most are in names).
 */
export const fill = (template: string, name: string, lang: string, second = ''): string =>
  (/^fr\b/i.test(lang) && /^[aeiouhàâäéèêëîïôöùûü]/i.test(name) ? template.replace(/\bde %/, "d'%") : template).replace(
    /%([12]?)/g,
    (_, n) => (n == '2' ? second : name),
  );
