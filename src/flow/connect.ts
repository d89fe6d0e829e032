import { buildAuthorizeUrl } from './authorize-url.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
import { ConnectCancelled, ConnectError, type CancelReason } from './errors.js';
import { acceptCallbackMessage, CHANNEL_PREFIX, type FlowIdentity } from './message.js';
import { resolveOptions, type ConnectOptions, type ResolvedOptions } from './options.js';
import { discover } from './issuer.js';
import { openCenteredPopup } from './popup.js';
import { REDIRECT_STATE_MARK, saveRedirectFlow } from './redirect.js';
import { createPkcePair, randomToken, takePkce, type PkcePair } from './secrets.js';

/** A flow whose popup is open (or failed to open), until it settles. */
export interface PendingFlow<R = ConnectResult> {
  readonly state: string;
  /** True once the flow has a result, an error or a cancel (or the page left for a redirect flow). */
  readonly settled: boolean;
  /**
   * Resolves with the result; rejects with `ConnectError` or `ConnectCancelled`.
   * A redirect flow never settles here: the page leaves, and the result comes
   * back on its next load (see `redirect.ts`).
   */
  readonly result: Promise<R>;
  /** Brings the popup back to the front. */
  focus(): void;
  /** Ends the flow with `ConnectCancelled('aborted')` and closes the popup. */
  abort(): void;
}

/** Called once the popup is open, or just before the page leaves for a redirect flow. */
export type OnStart = (detail: { state: string; url: string }) => void;

/** How often the popup is checked for being closed by the user. */
const CLOSED_POLL_MS = 250;
/**
 * Once the popup reads as closed, how long the user must have been back on
 * this page before `closed` is reported: a result already posted may still be
 * in flight, and behind a Cross-Origin-Opener-Policy a live popup reads as
 * closed while the user is still in it (README, "When is a flow cancelled?").
 */
const CLOSED_GRACE_MS = 500;
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
  // One controller owns every listener and timer of the flow: cleanup is one abort().
  const cleanup = new AbortController();
  const { signal } = cleanup;
  // Not `{ signal }` here: a listener added that way to the signal itself is removed before the abort event.
  const onSettle = (callback: () => void) => signal.addEventListener('abort', callback);
  const listen = (target: EventTarget, type: string, listener: (event: never) => void) =>
    target.addEventListener(type, listener as EventListener, { signal });
  let popup: Window | null = null;
  let settle!: (outcome: ConnectResult | Error) => void;
  const result = new Promise<ConnectResult>((resolve, reject) => {
    settle = (outcome) => {
      if (signal.aborted) return; // a flow settles once
      cleanup.abort();
      popup?.close();
      (outcome instanceof Error ? reject : resolve)(outcome as ConnectResult & Error);
    };
  });
  const cancel = (reason: CancelReason) => () => settle(new ConnectCancelled(reason));
  const flow: PendingFlow = {
    state,
    result,
    get settled() {
      return signal.aborted;
    },
    focus: () => popup?.focus(),
    abort: cancel('aborted'),
  };

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
          cleanup.abort(); // the page leaves; the result arrives on its next load
          location.assign(url);
        })
        .catch(failed);

    if (options.mode == 'redirect') {
      redirect();
      return flow;
    }
    const url = (usePkce && !ready) || discovering ? 'about:blank' : begin(ready);
    const width = options.popupWidth || 500;
    const height = options.popupHeight || 650;
    const opened = (popup = openCenteredPopup(url, width, height));
    if (!opened) {
      if (options.fallback == 'redirect') redirect();
      else settle(new ConnectError('popup_blocked', 'The browser blocked the sign-in window.'));
      return flow;
    }
    if (url == 'about:blank')
      pkce().then((pair) => {
        if (!signal.aborted) opened.location.href = begin(pair);
      }, failed);

    // The result comes from the callback page in the popup by postMessage, or,
    // when a Cross-Origin-Opener-Policy cut the popup off from this page, over
    // a BroadcastChannel named for the flow (same-origin by nature, no source).
    const identity: FlowIdentity = { state, popup: opened, redirectUri: resolved.redirectUri };
    const receive = (event: MessageEvent) => {
      const params = acceptCallbackMessage(event, identity);
      if (params)
        try {
          settle(parseCallback(params, expected));
        } catch (error) {
          settle(error as Error);
        }
    };
    // Anything the popup posts, even a message the flow refuses, means its callback page runs.
    let heard = false;
    listen(window, 'message', (event: MessageEvent) => {
      heard ||= event.source === opened;
      receive(event);
    });
    const channel = new BroadcastChannel(CHANNEL_PREFIX + state);
    channel.onmessage = receive;
    onSettle(() => channel.close());
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
    const callback = new URL(resolved.redirectUri);
    let backSince = 0;
    let silentSince = 0;
    const poll = setInterval(() => {
      const userIsBack = opened.closed && document.visibilityState == 'visible' && document.hasFocus();
      backSince = userIsBack ? backSince || Date.now() : 0;
      if (backSince && Date.now() - backSince >= CLOSED_GRACE_MS) cancel('closed')();
      // The popup is open on the redirect URI (readable: same origin), loaded, and has sent nothing:
      // its page does not run callback.js, or it failed. Cross-origin, reading throws.
      let silent = false;
      try {
        const at = opened.location;
        silent =
          !heard &&
          !opened.closed &&
          at.origin + at.pathname == callback.origin + callback.pathname &&
          opened.document.readyState == 'complete';
      } catch {
        // the provider's page, on its own origin
      }
      silentSince = silent ? silentSince || Date.now() : 0;
      if (silentSince && Date.now() - silentSince >= CALLBACK_GRACE_MS) {
        const why = `oauth-connect: the callback page ${callback.origin + callback.pathname} sent nothing: does it load callback.js?`;
        console.error(why);
        settle(new ConnectError('callback_failed', why));
      }
    }, CLOSED_POLL_MS);
    onSettle(() => clearInterval(poll));
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
