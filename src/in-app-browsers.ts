/**
 * Which apps open links in their own browser, how to recognize each, and how
 * each lets a page out to the system browser: data only, so that it can be
 * released on its own when an app changes (`oauth-connect/in-app-browsers`,
 * `dist/in-app-browsers.js`). A page adds or replaces an entry at run time with
 * `registerInAppBrowser` (`oauth-connect/modes/auto`).
 *
 * The markers are those that inapp-spy 5.0.9 and ua-parser-js 2.0.10 use,
 * checked against their fixtures' user agents (test/unit/flow/user-agents.ts).
 * Only what a user agent or a page says is used: guessing a web view from what
 * a user agent lacks ("an iPhone without Safari/") is the kind of heuristic
 * that took plain Safari for an in-app browser when iOS 26.4 changed.
 * @module
 */

/**
 * How to open the current page in the system browser: a URL template, written
 * as a `String.prototype.replace` replacement with named groups: `$<url>` (once: the
 * page's URL, percent-encoded as a query value), `$<scheme>` (`https`, or
 * `http` on a development server) and `$<rest>` (what follows the scheme's
 * colon: `//host/path?query#fragment`).
 */
export type InAppBrowserEscape = string;

/** One app whose links open in its own browser. */
export interface InAppBrowser {
  /** The app's name as `connect-environment` reports it: lowercase, stable. */
  app: string;
  /** A regular expression that only this app's user agent matches (without the `g` flag: it is tested once per page). */
  userAgent?: RegExp;
  /** Properties of `window` that only this app's web view defines, for apps whose user agent says nothing. */
  globals?: readonly string[];
  /** The way out to the system browser on each platform; none where no way is known (the visitor uses the app's menu). */
  escape?: { ios?: InAppBrowserEscape; android?: InAppBrowserEscape };
}

/**
 * Android hands an `intent:` URL to the default browser (Chrome's "Android
 * Intents with Chrome"): the page's address, its scheme moved into the
 * intent. Android's Intent.parseUri reads the intent from the last `#` on, so
 * a page's own fragment before it stays in the address.
 */
const intent = 'intent:$<rest>#Intent;scheme=$<scheme>;end';
/**
 * iOS opens an `x-safari-https:` URL in Safari, from a web view that hands the
 * schemes it does not know to the system (public reports of 2026, not a documented API).
 */
const safari = 'x-safari-$<scheme>:$<rest>';
const browsers = { ios: safari, android: intent };

/** The known apps, most specific first: the first entry that matches wins. */
export const inAppBrowsers: readonly InAppBrowser[] = [
  // Instagram's own way out, on both platforms; its user agent also names the app on Android.
  {
    app: 'instagram',
    userAgent: /\bInstagram \d/i,
    escape: { ios: 'instagram://extbrowser/?url=$<url>', android: 'instagram://extbrowser/?url=$<url>' },
  },
  // Threads' user agent says Barcelona, its code name.
  { app: 'threads', userAgent: /\bBarcelona \d/i, escape: browsers },
  // Facebook and Messenger share Meta's in-app browser and its markers (FBAN, FB_IAB, FBAV, MetaIAB).
  { app: 'facebook', userAgent: /\bFB(AN|_IAB|AV)\/|\bMetaIAB\b/i, escape: browsers },
  { app: 'tiktok', userAgent: /musical_ly|Bytedance/i, escape: browsers },
  { app: 'linkedin', userAgent: /\bLinkedInApp\b/i, escape: browsers },
  { app: 'line', userAgent: /\bLine\/\d/i, escape: browsers },
  // No way out is known from WeChat's or Snapchat's browser on iOS.
  { app: 'wechat', userAgent: /\bMicroMessenger\//i, escape: { android: intent } },
  { app: 'snapchat', userAgent: /\bSnapchat\//i, escape: { android: intent } },
  // X, whose user agent still says Twitter.
  { app: 'twitter', userAgent: /\bTwitter/i, escape: browsers },
  // Telegram's user agent is the system browser's: only its web view's globals tell it apart.
  { app: 'telegram', globals: ['TelegramWebview', 'TelegramWebviewProxy'], escape: browsers },
  // Any other app's Android WebView, which adds `; wv)` to Chrome's user agent: window.open
  // does nothing there unless the app implements it. An unknown app may not handle intent: URLs
  // (the visitor would see an error page), so no way out is offered.
  { app: 'android-webview', userAgent: /; wv\)/i },
];
