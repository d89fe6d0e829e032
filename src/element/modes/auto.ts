/**
 * `mode="auto"`: the popup where a popup works, the page's own redirect where it does not (an app's
 * in-app browser, a web app on an iOS home screen: flow/environment.ts says which), and a way out
 * to the system browser where the provider refuses web views. Each element tells the page what it
 * will do by `connect-environment`, once, when it first renders.
 * `import 'oauth-connect/modes/auto'` (it imports the redirect mode).
 */
import { detectEnvironment, escapeUrl, registerInAppBrowser, type Environment } from '../../flow/environment.js';
import { ConnectCancelled } from '../../flow/errors.js';
import { providers } from '../../flow/providers.js';
import type { PendingFlow } from '../../flow/session.js';
import type { ConnectSuccessDetail } from '../events.js';
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

/** Where the visitor is: read once per page, when the first element asks (an app may define its globals late). */
let page: Environment | undefined;

/**
 * What `el` does where the visitor is, and the way out for the page as it is now (the bundle took any
 * returned result out of its address when it loaded; a single-page app may have moved since). Google
 * and LINE answer a web view with an error page: there, only the way out can help. (An element
 * without a provider looks up the preset "undefined", which none is called.)
 */
const decide = (el: ModeElement) => {
  const { escape, ...where } = (page ??= detectEnvironment());
  const action =
    where.kind == 'browser'
      ? 'popup'
      : where.kind == 'in-app' &&
          (el.getAttribute('webviews') == 'escape' || providers[el.provider as string]?.webviews == 'refused')
        ? 'escape'
        : 'redirect';
  return [{ ...where, action }, escape && escapeUrl(escape, location.href)] as const;
};

/**
 * A flow of the element by `go`, given the element (a popup) or its redirect view; or, where only the
 * way out can help, none: the page opens in the system browser, where the visitor signs in again.
 */
const route = (el: ModeElement, go: (view: ModeElement) => PendingFlow<ConnectSuccessDetail>) => {
  const [{ action }, way] = decide(el);
  if (action != 'escape')
    return go(
      action == 'redirect'
        ? // The element seen as a `mode="redirect"` one: the flows then take the page itself to the provider.
          new Proxy(el, { get: (target, key) => (key == 'mode' ? 'redirect' : target[key as keyof ModeElement]) })
        : el,
    );
  if (way) location.href = way;
  // Settled already: the element never asks it for its state or to focus its popup, only perhaps to abort.
  const result = Promise.reject(new ConnectCancelled('aborted'));
  return { settled: true, result, abort() {} } as unknown as PendingFlow<ConnectSuccessDetail>;
};

registerMode('auto', {
  // The popup mode's flow; with `server`, the server-bound mode starts the flow and asks `route`.
  start: (el, ...rest) => route(el, (view) => (modes.popup as Required<Mode>).start(view, ...rest)),
  route,
  redirects: (el) => decide(el)[0].action != 'popup',
  // Once per element (the element calls each mode's restore once), before any click.
  restore: (el) => {
    el.emit('connect-environment', decide(el)[0]);
    (modes.redirect as Required<Mode>).restore(el);
  },
  paint: (el, root, status, text) => {
    const [{ kind }, way] = decide(el);
    if (kind == 'in-app') {
      // The hint, then the way out where the app has one, on a line of their own below the button (the
      // host wraps; no rule in the base stylesheet, which every page pays for): "Signing in may not
      // work in this app. Open in your browser". Built again when the connected look took it out.
      const hint =
        root.querySelector('small') ??
        (status.insertAdjacentHTML('afterend', '<small part=hint style=width:100%> <a part=escape></a></small>'),
        status.nextSibling as Element);
      // The words, then the space before the link (always there: English above, or the language's own).
      setText(hint.firstChild as Node, text.inApp + ' ');
      const link = hint.lastChild as HTMLAnchorElement;
      if (way) link.href = way;
      else link.hidden = true;
      setText(link, text.openInBrowser as string);
    }
  },
});
