/**
 * Where the visitor is: an ordinary browser, an app's in-app browser, or a
 * web app saved to an iOS home screen. A popup sign-in fails in the last two
 * (the popup opens in the same web view, or in Safari, whose storage is not
 * the app's), so `mode="auto"` signs in by redirect there. Pure: the caller
 * reads the browser (`navigator.userAgent`, `window`, `navigator.standalone`,
 * `matchMedia('(display-mode: standalone)')`), so every case is testable.
 */
import { inAppBrowsers, type InAppBrowser, type InAppBrowserEscape } from '../in-app-browsers.js';

export type EnvironmentKind = 'browser' | 'in-app' | 'standalone';

export interface Environment {
  kind: EnvironmentKind;
  /** The in-app browser's app, as its entry names it. */
  app?: string;
  /** How to open the page in the system browser from this app on this platform; undefined where no way is known. */
  escape?: InAppBrowserEscape | undefined;
}

/** What the browser tells about itself. */
export interface EnvironmentSignals {
  userAgent: string;
  /** Where an app's web view leaves its globals: `window`. */
  globals?: object;
  /** `navigator.standalone`: true only in a web app opened from an iOS home screen. */
  standalone?: boolean | undefined;
  /** Whether `(display-mode: standalone)` matches. */
  displayModeStandalone?: boolean;
}

/** The entries detection uses: the table, then what the page registered, which goes first. */
const registry: InAppBrowser[] = [...inAppBrowsers];

/**
 * Adds an in-app browser, or replaces the entry of the same `app`: for an app
 * the table does not know yet, or that changed since the table was released.
 * A new entry is checked before the table's, so it wins over a broader one.
 */
export const registerInAppBrowser = (entry: InAppBrowser): void => {
  const i = registry.findIndex(({ app }) => app == entry.app);
  if (i < 0) registry.unshift(entry);
  else registry[i] = entry;
};

/**
 * The visitor's environment. A named app's marker wins over everything else
 * (a web view is never a home-screen app). A home-screen app counts only on
 * iOS, where `window.open` leaves the app for Safari: elsewhere an installed
 * web app opens popups that keep their opener.
 */
export const detectEnvironment = (
  { userAgent, globals = {}, standalone, displayModeStandalone }: EnvironmentSignals,
  entries: readonly InAppBrowser[] = registry,
): Environment => {
  const ios = /iP(hone|ad|od)/.test(userAgent);
  for (const { app, userAgent: marker, globals: names, escape } of entries)
    if ((marker && new RegExp(marker, 'i').test(userAgent)) || names?.some((name) => name in globals)) {
      return {
        kind: 'in-app',
        app,
        escape: ios ? escape?.ios : /Android/.test(userAgent) ? escape?.android : undefined,
      };
    }
  return standalone || (displayModeStandalone && ios) ? { kind: 'standalone' } : { kind: 'browser' };
};

/** This browser's signals, read when asked: an app's web view may define its globals after the page's first script. */
export const browserSignals = (): EnvironmentSignals => ({
  userAgent: navigator.userAgent,
  globals: window,
  standalone: (navigator as { standalone?: boolean }).standalone,
  displayModeStandalone: matchMedia('(display-mode: standalone)').matches,
});

/** What to take out of the page's address before it is opened elsewhere. */
export interface EscapeDrop {
  /** Query parameters: a result or state the element took from the address, meaningless in another browser. */
  params?: readonly string[];
  /** The fragment, when it held what the element took out. */
  fragment?: boolean;
}

/**
 * The URL that opens `page` in the system browser by `escape` (a template of
 * the table: `{url}`, `{scheme}`, `{rest}`), without what `drop` names.
 */
export const escapeUrl = (escape: InAppBrowserEscape, page: string, drop: EscapeDrop = {}): string => {
  const url = new URL(page);
  // Deleting re-serializes the whole query (`a=%20` becomes `a=+`): only when there is something to delete.
  for (const name of drop.params ?? []) if (url.searchParams.has(name)) url.searchParams.delete(name);
  if (drop.fragment) url.hash = '';
  const scheme = url.protocol.slice(0, -1);
  const href = url.href;
  return escape.replace(/\{(url|scheme|rest)\}/g, (_, key) =>
    key == 'url' ? encodeURIComponent(href) : key == 'scheme' ? scheme : href.slice(scheme.length + 1),
  );
};
