import { buildAuthorizeUrl } from './authorize-url.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
import { ConnectError } from './errors.js';
import { resolveOptions, type ConnectOptions, type ResolvedOptions } from './options.js';
import { discover } from './issuer.js';
import { REDIRECT_STATE_MARK } from '../protocol/callback.js';
import { saveRedirectFlow } from './redirect.js';
import { createPkcePair, randomToken, takePkce, type PkcePair } from './secrets.js';
import { popupSession, type OnStart, type PendingFlow } from './session.js';

/**
 * How long the popup may sit on the loaded redirect URI page without a result
 * before the flow ends with `callback_failed`. callback.js posts while the page
 * loads (a module script runs before `load`), so this only waits out a slow tab.
 */
const CALLBACK_GRACE_MS = 3000;

/**
 * Which element a redirect result belongs to (see redirect.ts): every option that could tell two
 * elements apart, so that one for the same provider with other scopes is never taken for it.
 */
export const redirectTarget = (
  { provider, authorizeUrl: given, noPkce, mode, fallback, popupWidth, popupHeight }: ConnectOptions,
  // Not what discovery adds: the page the flow returns to may not have the issuer's metadata yet.
  { authorizeUrl: _discovered, requireIss: _fromMetadata, ...resolved }: ResolvedOptions,
): string => JSON.stringify([resolved, provider, given, noPkce, mode, fallback, popupWidth, popupHeight]);

/**
 * Starts a flow. Everything up to `window.open` runs synchronously, so calling
 * this from a click handler keeps the user activation the popup blocker asks
 * for. Never throws: every failure settles `result`.
 */
export const startFlow = (options: ConnectOptions, onStart?: OnStart): PendingFlow => {
  // Marked when the flow may go through sessionStorage (redirect.ts), so that a plain popup flow's callback page need not look.
  const mayRedirect = options.mode == 'redirect' || options.fallback == 'redirect';
  const state = (mayRedirect ? REDIRECT_STATE_MARK : '') + randomToken();
  // One controller owns every listener and timer of the flow: cleanup is one abort() (session.ts).
  const session = popupSession<ConnectResult>(state, options);
  const { flow, signal, onSettle, settle, cancel } = session;
  const listen = (target: EventTarget, type: string, listener: (event: never) => void) =>
    target.addEventListener(type, listener as EventListener, { signal });

  try {
    let resolved = resolveOptions(options);
    const usePkce = resolved.responseType == 'code' && !options.noPkce;
    const ready = usePkce ? takePkce() : undefined;
    // OpenID Connect Core §3.1.2.1: a nonce binds the ID token to this flow. Random bytes are synchronous: nothing awaits.
    const nonce =
      resolved.responseType == 'code' && resolved.scope?.split(' ').includes('openid') ? randomToken() : undefined;
    const expected: ExpectedCallback = {
      responseType: resolved.responseType,
      state,
      redirectUri: resolved.redirectUri,
      issuer: resolved.issuer,
      nonce,
      provider: options.provider,
    };
    /** Records the PKCE pair (if any) and returns the authorize URL to open. */
    const begin = (pair: PkcePair | undefined) => {
      expected.codeVerifier = pair?.codeVerifier;
      expected.requireIss = resolved.requireIss;
      const url = buildAuthorizeUrl(resolved, state, pair?.codeChallenge, nonce);
      onStart?.({ state, url });
      return url;
    };
    // Without a pair prepared ahead (the first click within milliseconds of
    // loading, two flows at once), one is made now, after the popup opened.
    // An issuer without authorize-url whose metadata has not arrived: the popup waits for it too.
    const discovering = !resolved.authorizeUrl;
    const pkce = (): Promise<PkcePair | undefined> =>
      Promise.all([
        usePkce && !ready ? createPkcePair() : ready,
        // Resolved again with the metadata; throws (invalid_config) when discovery failed.
        discovering && discover(resolved.issuer as string).then(() => (resolved = resolveOptions(options))),
      ]).then(([pair]) => pair);
    const failed = (error: unknown) =>
      settle(
        (error as ConnectError).error
          ? (error as ConnectError)
          : new ConnectError(
              'invalid_config',
              'oauth-connect: PKCE needs https; a redirect flow needs sessionStorage too.',
            ),
      );
    const redirect = () =>
      pkce()
        .then((pair) => {
          if (signal.aborted) return;
          const url = begin(pair);
          // Throws when storage is refused (blocked cookies): then the page must not leave.
          saveRedirectFlow({
            // The page's own fragment apart: the result comes back in the fragment, before it.
            returnUrl: location.origin + location.pathname + location.search,
            hash: location.hash,
            target: redirectTarget(options, resolved),
            // The element passes itself as the options: among identical ones, its id says which it was.
            id: (options as { id?: string }).id,
            expected,
          });
          session.leave(); // the page leaves; the result arrives on its next load
          location.assign(url);
        })
        .catch(failed);

    if (options.mode == 'redirect') {
      redirect();
      return flow;
    }
    const url = (usePkce && !ready) || discovering ? 'about:blank' : begin(ready);
    const callback = new URL(resolved.redirectUri);
    let silentSince = 0;
    const opened = session.open(url, (popup) => {
      // The popup is open on the redirect URI (readable: same origin), loaded, and has sent nothing:
      // its page does not run callback.js, or it failed. Cross-origin, reading throws.
      let silent = false;
      try {
        const at = popup.location;
        silent =
          !session.heard &&
          !popup.closed &&
          at.origin + at.pathname == callback.origin + callback.pathname &&
          popup.document.readyState == 'complete';
      } catch {
        // the provider's page, on its own origin
      }
      silentSince = silent ? silentSince || Date.now() : 0;
      if (silentSince && Date.now() - silentSince >= CALLBACK_GRACE_MS) {
        const why = `oauth-connect: the callback page ${callback.origin + callback.pathname} sent nothing: does it load callback.js?`;
        console.error(why);
        settle(new ConnectError('callback_failed', why));
      }
    });
    if (!opened) {
      if (options.fallback == 'redirect') redirect();
      else settle(new ConnectError('popup_blocked', 'The browser blocked the sign-in window.'));
      return flow;
    }
    if (url == 'about:blank')
      pkce().then((pair) => {
        if (!signal.aborted) opened.location.href = begin(pair);
      }, failed);

    session.receive({ state, popup: opened, redirectUri: resolved.redirectUri }, (params) => {
      try {
        settle(parseCallback(params, expected));
      } catch (error) {
        settle(error as Error);
      }
    });
    // Leaving the page ends the flow; an orphaned popup would deliver to nobody.
    listen(window, 'pagehide', flow.abort);
    if (options.signal) {
      if (options.signal.aborted) flow.abort();
      listen(options.signal, 'abort', flow.abort);
    }
    if (resolved.timeout) {
      const timer = setTimeout(cancel('timeout'), resolved.timeout * 1000);
      onSettle(() => clearTimeout(timer));
    }
  } catch (error) {
    settle(error as Error);
  }
  return flow;
};

/**
 * Runs a whole popup flow: the plain-function API for apps that do not use the
 * element. Call it from a click handler (see `startFlow`).
 */
export const connect = (options: ConnectOptions, onStart?: OnStart): Promise<ConnectResult> =>
  startFlow(options, onStart).result;
