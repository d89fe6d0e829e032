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

// One string a language keeps the bundle small; order as in `keys`.
const builtIn: Partial<Record<string, string>> = {
  en: 'Sign in|Sign in with %|opens a new window|Waiting for %…|Cancel|Connected|Sign-in failed. Try again.|Sign-in cancelled.|Sign-in is not available on this page.|Connected as %|Disconnect',
  fr: "Se connecter|Se connecter avec %|ouvre une nouvelle fenêtre|En attente de %…|Annuler|Connecté|La connexion a échoué. Réessayez.|Connexion annulée.|La connexion n'est pas disponible sur cette page.|Connecté en tant que %|Se déconnecter",
  es: 'Iniciar sesión|Iniciar sesión con %|abre una ventana nueva|Esperando a %…|Cancelar|Conectado|No se pudo iniciar sesión. Inténtalo de nuevo.|Inicio de sesión cancelado.|El inicio de sesión no está disponible en esta página.|Conectado como %|Desconectar',
  de: 'Anmelden|Mit % anmelden|öffnet ein neues Fenster|Warten auf %…|Abbrechen|Verbunden|Anmeldung fehlgeschlagen. Bitte erneut versuchen.|Anmeldung abgebrochen.|Die Anmeldung ist auf dieser Seite nicht verfügbar.|Verbunden als %|Trennen',
};

const added: Partial<Record<string, ConnectStrings>> = {};

/** Adds a language, or replaces some of a built-in one's strings. `lang` is a BCP 47 tag such as `it` or `pt-BR`. */
export const registerLocale = (lang: string, strings: Partial<ConnectStrings>): void => {
  added[lang.toLowerCase()] = { ...stringsFor(lang), ...strings };
};

/** The strings for `lang` (`fr-CA` falls back to `fr`, anything unknown to English). */
export const stringsFor = (lang: string): ConnectStrings => {
  const tag = lang.toLowerCase();
  const base = tag.replace(/-.*/, '');
  const found = added[tag] ?? (builtIn[tag] || added[base]) ?? builtIn[base] ?? (builtIn.en as string);
  if (typeof found != 'string') return found;
  const words = found.split('|');
  return Object.fromEntries(keys.map((key, i) => [key, words[i]])) as unknown as ConnectStrings;
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
