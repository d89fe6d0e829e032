/**
 * Where the visitor is: an ordinary browser, an app's in-app browser, or a
 * web app saved to an iOS home screen. A popup sign-in fails in the last two
 * (the popup opens in the same web view, or in Safari, whose storage is not
 * the app's), so `mode="auto"` signs in by redirect there. Every signal can
 * be given instead of read, so that every case is testable.
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

/** The entries detection uses: the table, with what the page registered first. */
let registry: readonly InAppBrowser[] = inAppBrowsers;

/**
 * Adds an in-app browser, or replaces the entry of the same `app`: for an app
 * the table does not know yet, or that changed since the table was released.
 * The page's entry is checked before the table's, so it wins over a broader one.
 */
export const registerInAppBrowser = (entry: InAppBrowser): void => {
  registry = [entry, ...registry.filter((known) => known.app != entry.app)];
};

/**
 * The visitor's environment, from what the browser tells about itself: its user agent, the
 * globals an app's web view leaves on `window`, `navigator.standalone` (true only in a web app
 * opened from an iOS home screen) and whether `(display-mode: standalone)` matches. Each is
 * this browser's unless given, read when asked: an app's web view may define its globals after
 * the page's first script. A named app's marker wins over everything else (a web view is never a
 * home-screen app). A home-screen app counts only on iOS, where `window.open` leaves the app for
 * Safari: elsewhere an installed web app opens popups that keep their opener.
 */
export const detectEnvironment = (
  userAgent = navigator.userAgent,
  globals: object = self,
  standalone = (navigator as { standalone?: boolean }).standalone,
  displayModeStandalone = matchMedia('(display-mode: standalone)').matches,
): Environment => {
  const ios = /iP(hone|ad|od)/.test(userAgent);
  const found = registry.find(
    (entry) => entry.userAgent?.test(userAgent) || entry.globals?.some((name) => name in globals),
  );
  return found
    ? {
        kind: 'in-app',
        app: found.app,
        // A desktop app's web view has no way out here.
        escape: ios ? found.escape?.ios : /Android/.test(userAgent) ? found.escape?.android : undefined,
      }
    : { kind: standalone || (displayModeStandalone && ios) ? 'standalone' : 'browser' };
};

/**
 * The URL that opens `page` in the system browser by `escape` (a template of
 * the table: `$<url>`, `$<scheme>`, `$<rest>`). The page is taken as it is: the
 * bundle took any result it came back with out of the address when it loaded.
 */
export const escapeUrl = (escape: InAppBrowserEscape, page: string): string =>
  // The scheme and what follows its colon are the named groups of the page's one match; the
  // encoded page goes in first, and has no `$` left to be read as a pattern (encodeURIComponent
  // encodes it). The page's own `$&` or `$'` is matched text, never a pattern.
  page.replace(/^(?<scheme>[\w+.-]+):(?<rest>.*)/s, escape.replace('$<url>', encodeURIComponent(page)));
