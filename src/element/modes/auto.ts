/**
 * `mode="auto"`: the popup where a popup works, the page's own redirect where it does not (an app's
 * in-app browser, a web app on an iOS home screen: flow/environment.ts says which), and a way out
 * to the system browser where the provider refuses web views. Decided once per element, when it
 * first renders, and told to the page by `connect-environment`.
 * `import 'oauth-connect/modes/auto'` (it imports the redirect mode).
 */
import { browserSignals, detectEnvironment, escapeUrl, registerInAppBrowser } from '../../flow/environment.js';
import { ConnectCancelled } from '../../flow/errors.js';
import { providers } from '../../flow/providers.js';
import { takeReturnFromUrl } from '../../flow/return.js';
import type { ConnectEnvironmentDetail } from '../events.js';
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

/** Per element: what it decided, and the way out (its hint and link) when there is one to show. */
const decided = new WeakMap<ModeElement, [ConnectEnvironmentDetail, string | undefined, HTMLElement?]>();

const decide = (el: ModeElement) => {
  let decision = decided.get(el);
  if (!decision) {
    const { kind, app, escape } = detectEnvironment(browserSignals());
    // Google and LINE answer a web view with an error page: only the way out can help there.
    const refused = el.getAttribute('webviews') == 'escape' || providers[el.provider ?? '']?.webviews == 'refused';
    const action = kind == 'browser' ? 'popup' : kind == 'in-app' && refused ? 'escape' : 'redirect';
    // The page as it is now: a result handed back in its address has been taken out already.
    takeReturnFromUrl();
    decided.set(el, (decision = [{ kind, ...(app && { app }), action }, escape && escapeUrl(escape, location.href)]));
    el.dispatchEvent(new CustomEvent('connect-environment', { detail: decision[0], bubbles: true, composed: true }));
  }
  return decision;
};

/** The element seen as a `mode="redirect"` one: the popup flow then navigates the page itself. */
const asRedirect = (el: ModeElement) =>
  new Proxy(el, { get: (target, key) => (key == 'mode' ? 'redirect' : Reflect.get(target, key)) });

registerMode('auto', {
  start: (el, onStart, popup) => {
    const [{ action }, way] = decide(el);
    // Server-bound: the server-bound mode's popup or its redirect.
    if (el.server && action != 'escape') return (modes['server-bound'] as Required<Mode>).start(el, onStart, popup);
    if (action == 'popup') return (modes.popup as Required<Mode>).start(el, onStart, popup);
    if (action == 'redirect') return (modes.redirect as Required<Mode>).start(asRedirect(el), onStart);
    // The escape: the page opens in the system browser, where the visitor signs in again.
    if (way) location.assign(way);
    const result = Promise.reject(new ConnectCancelled('aborted'));
    return { state: '', settled: true, result, focus() {}, abort() {} };
  },
  // Server-bound: the server-bound mode's logout.
  end: (el) => (modes['server-bound'] as Required<Mode>).end(el),
  redirects: (el) => decide(el)[0].action == 'redirect',
  restore: (el) => {
    decide(el);
    modes.redirect?.restore?.(el);
  },
  paint: (el, root, _status, text) => {
    const decision = decide(el);
    const [{ kind }, way] = decision;
    if (kind != 'in-app') return;
    // The hint, then the way out where the app has one: "Signing in may not work in this app. Open in your browser".
    const hint = (decision[2] ??= Object.assign(document.createElement('p'), {
      innerHTML: '<span></span> <a part=escape></a>',
      // A line of its own below the button (the host wraps); no rule in the base stylesheet, which every page pays for.
      style: 'flex:1 0 100%;margin:0;font-size:.875em',
    }));
    hint.setAttribute('part', 'hint');
    const [words, link] = hint.children as unknown as [Element, HTMLAnchorElement];
    link.hidden = !way;
    link.href = way ?? '';
    setText(words, text.inApp ?? '');
    setText(link, text.openInBrowser ?? '');
    if (root.lastChild != hint) root.append(hint);
  },
});
