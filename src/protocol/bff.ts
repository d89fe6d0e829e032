/**
 * The words the page and the partner's auth handler share (RFC 10017's
 * backend for frontend): routes, the CSRF header, and what each route takes
 * and answers. Types and constants only, importing nothing, so that the
 * browser flow and `oauth-connect/server` depend on this file and never on
 * each other.
 */

/** The routes under the handler's base path (default `/auth`). */
export const BFF_ROUTES = {
  /** POST {@link StartBody} → {@link StartAnswer}. */
  start: '/start',
  /** POST {@link CompleteBody} → {@link CompleteAnswer}. */
  complete: '/complete',
  /** POST {@link LogoutBody} → {@link SessionAnswer}. */
  logout: '/logout',
  /** GET → {@link SessionAnswer}. */
  session: '/session',
} as const;

/** One of {@link BFF_ROUTES}: the page's calls are typed with it, so a route renamed here fails to compile there. */
export type BffRoute = (typeof BFF_ROUTES)[keyof typeof BFF_ROUTES];

/**
 * Every POST carries this header with {@link BFF_HEADER_VALUE}: a cross-site
 * form cannot send it, and a cross-site fetch cannot without a CORS preflight
 * the handler never grants.
 */
export const BFF_HEADER = 'OAuth-Connect';
export const BFF_HEADER_VALUE = '1';

/** Who signed in, as the page may see it (never a token). */
export interface Account {
  id: string;
  name: string;
  email?: string;
  /** Only an `https:` or `data:image/` URL is kept. */
  picture?: string;
}

export interface StartBody {
  /** The provider's id in the handler's `providers`. */
  provider: string;
  /**
   * The page's languages, preferred first, as BCP 47 tags separated by spaces
   * (`fr-CA fr en`): sent to the provider as `ui_locales` (OpenID Connect Core
   * §3.1.2.1) unless the provider's `params` set it.
   */
  uiLocales?: string;
}

export interface StartAnswer {
  /** The authorize URL to open in the popup. */
  url: string;
  state: string;
  /** The page that will receive the callback, where the popup's message must come from. */
  redirectUri: string;
}

/** The callback's parameters as received, in order, duplicates kept (RFC 6749 §3.1 refuses those). */
export type CallbackPairs = ReadonlyArray<readonly [name: string, value: string]>;

export interface CompleteBody {
  provider: string;
  /** The pairs as received; an object of strings (the first release's form) is still accepted. */
  params: CallbackPairs | Record<string, string>;
}

export interface CompleteAnswer {
  account: Account;
}

export interface LogoutBody {
  provider: string;
  /**
   * `'application'`: also revoke the application at a provider whose revocation ends it for the whole
   * account (UltraCart: "Disconnect this store everywhere"). Without it a logout forgets this session only.
   */
  revoke?: 'application';
}

export interface SessionAnswer {
  /** This browser's accounts by provider id; empty when signed out. */
  accounts: Record<string, Account>;
}

/** Every failure: an OAuth-style code and a sentence for people (never a stack, an internal URL or a token). */
export interface ErrorAnswer {
  error: string;
  error_description: string;
}
