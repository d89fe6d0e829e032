/**
 * `mode="auto"`: the popup where a popup works, the page's own redirect where it does not (an app's
 * in-app browser, a web app on an iOS home screen: flow/environment.ts says which), and a way out
 * to the system browser where the provider refuses web views. Decided once per element, when it
 * first renders, and told to the page by `connect-environment`.
 * `import 'oauth-connect/modes/auto'` (it imports the redirect mode).
 */
import { detectEnvironment, escapeUrl, registerInAppBrowser } from '../../flow/environment.js';
import { ConnectCancelled } from '../../flow/errors.js';
import { providers } from '../../flow/providers.js';
import type { PendingFlow } from '../../flow/session.js';
import type { ConnectEnvironmentDetail, ConnectSuccessDetail } from '../events.js';
import { en } from '../locales.js';
import { setText } from '../shadow.js';
import { modes, registerMode, type Mode, type ModeElement } from './mode.js';
import './redirect.js';

export { registerInAppBrowser };

// English, for every language module that does not have these words yet.
Object.assign(en, {
  inApp: 'Signing in may not work in this app.',
  openInBrowser: 'Open in your browser',
});

/** Per element: what it decided, the way out (when the app has one) and, in an in-app browser, the hint. */
const decided = new WeakMap<ModeElement, [ConnectEnvironmentDetail, string?, HTMLElement?]>();

const decide = (el: ModeElement) => {
  let decision = decided.get(el);
  if (!decision) {
    const { escape, ...where } = detectEnvironment();
    const inApp = where.kind == 'in-app';
    // Google and LINE answer a web view with an error page: only the way out can help there.
    const action =
      where.kind == 'browser'
        ? 'popup'
        : inApp && (el.getAttribute('webviews') == 'escape' || providers[el.provider ?? '']?.webviews == 'refused')
          ? 'escape'
          : 'redirect';
    // The page's address as it is now: the bundle took any returned result out of it when it loaded.
    const way = escape && escapeUrl(escape, location.href);
    // The hint, then the way out where the app has one: "Signing in may not work in this app. Open in your browser".
    const hint = inApp
      ? Object.assign(document.createElement('small'), {
          innerHTML: ' <a part=escape></a>',
          part: 'hint',
          // A line of its own below the button (the host wraps); no rule in the base stylesheet, which every page pays for.
          style: 'width:100%',
        })
      : undefined;
    if (hint) Object.assign(hint.lastChild as HTMLAnchorElement, way ? { href: way } : { hidden: true });
    decided.set(el, (decision = [{ ...where, action }, way, hint]));
    el.dispatchEvent(new CustomEvent('connect-environment', { detail: decision[0], bubbles: true, composed: true }));
  }
  return decision;
};

/** The element seen as a `mode="redirect"` one: the flows then take the page itself to the provider. */
const asRedirect = (el: ModeElement) =>
  new Proxy(el, { get: (target, key) => (key == 'mode' ? 'redirect' : target[key as keyof ModeElement]) });

/**
 * A flow of the element by `go`, given the element (a popup) or its redirect view; or, where only the
 * way out can help, none: the page opens in the system browser, where the visitor signs in again.
 */
const route = (el: ModeElement, go: (view: ModeElement) => PendingFlow<ConnectSuccessDetail>) => {
  const [{ action }, way] = decide(el);
  if (action != 'escape') return go(action == 'redirect' ? asRedirect(el) : el);
  if (way) location.assign(way);
  // Settled already: the element never asks it for its state or to focus its popup, only perhaps to abort.
  const result = Promise.reject(new ConnectCancelled('aborted'));
  return { settled: true, result, abort() {} } as unknown as PendingFlow<ConnectSuccessDetail>;
};

registerMode('auto', {
  // The popup mode's flow; with `server`, the server-bound mode starts the flow and asks `route`.
  start: (el, onStart, popup) => route(el, (view) => (modes.popup as Required<Mode>).start(view, onStart, popup)),
  route,
  restore: (el) => {
    decide(el);
    (modes.redirect as Required<Mode>).restore(el);
  },
  paint: (el, root, _status, text) => {
    const hint = decide(el)[2];
    if (!hint) return;
    // The words, then the space before the link; a language registered without them shows none.
    setText(hint.firstChild as Node, (text.inApp ?? '') + ' ');
    setText(hint.lastChild as Node, text.openInBrowser ?? '');
    if (root.lastChild != hint) root.append(hint);
  },
});
