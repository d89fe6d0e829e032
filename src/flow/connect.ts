import { buildAuthorizeUrl } from './authorize-url.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
import { ConnectCancelled, ConnectError } from './errors.js';
import { acceptCallbackMessage } from './message.js';
import { resolveOptions, type ConnectOptions } from './options.js';
import { openCenteredPopup } from './popup.js';
import { createPkcePair, randomToken, takePkce } from './secrets.js';

/** A flow whose popup is open (or failed to open), until it settles. */
export interface PendingFlow {
  readonly state: string;
  /** Resolves with the result; rejects with `ConnectError` or `ConnectCancelled`. */
  readonly result: Promise<ConnectResult>;
  /** Brings the popup back to the front. */
  focus(): void;
  /** Ends the flow with `ConnectCancelled('aborted')` and closes the popup. */
  abort(): void;
}

/** How often the popup is checked for being closed by the user. */
const CLOSED_POLL_MS = 250;
/**
 * Once the popup reads as closed and the user is back on this page, how long
 * to wait before reporting `closed`: a result already posted may still be in
 * flight, and behind COOP a live popup can read as closed (see README).
 */
const CLOSED_GRACE_MS = 500;

/**
 * Starts a popup flow. Everything up to `window.open` runs synchronously, so
 * calling this from a click handler keeps the user activation the popup
 * blocker asks for. Never throws: every failure settles `result`.
 */
export const startFlow = (options: ConnectOptions): PendingFlow => {
  const state = randomToken();
  // One controller owns every listener and timer of the flow: cleanup is one abort().
  const cleanup = new AbortController();
  const { signal } = cleanup;
  let popup: Window | null = null;
  let settle!: (outcome: ConnectResult | Error) => void;
  const result = new Promise<ConnectResult>((resolve, reject) => {
    settle = (outcome) => {
      if (signal.aborted) return; // a flow settles once
      cleanup.abort();
      popup?.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
  });
  const cancel = (reason: ConstructorParameters<typeof ConnectCancelled>[0]) => () =>
    settle(new ConnectCancelled(reason));
  const flow: PendingFlow = { state, result, focus: () => popup?.focus(), abort: cancel('aborted') };
  const listen = (target: EventTarget, type: string, listener: (event: never) => void) =>
    target.addEventListener(type, listener as EventListener, { signal });
  // Not through `listen`: a listener registered with `{ signal }` on that same
  // signal is removed by the abort before the abort event would reach it.
  const onSettle = (callback: () => void) => signal.addEventListener('abort', callback);

  try {
    const resolved = resolveOptions(options);
    const usePkce = resolved.responseType == 'code' && resolved.pkce;
    const readyPkce = usePkce ? takePkce() : undefined;
    const expected: ExpectedCallback = {
      responseType: resolved.responseType,
      state,
      redirectUri: resolved.redirectUri,
    };
    const urlFor = (codeChallenge?: string) => buildAuthorizeUrl(resolved, { state, codeChallenge });
    // The usual case: the PKCE pair was prepared ahead, so the final URL opens at once.
    // Otherwise open a blank popup now, inside the click, and navigate it once the challenge is ready.
    const url = usePkce && !readyPkce ? undefined : urlFor(readyPkce?.codeChallenge);
    expected.codeVerifier = readyPkce?.codeVerifier;
    popup = openCenteredPopup(
      url ?? 'about:blank',
      `oauth-connect-${state.slice(0, 8)}`,
      resolved.popupWidth,
      resolved.popupHeight,
    );
    if (!popup) throw new ConnectError('popup_blocked', 'The browser blocked the sign-in window.');
    const opened = popup;

    const begin = (href: string) => options.onStart?.({ state, url: href });
    if (url) begin(url);
    else
      createPkcePair().then(
        (pair) => {
          if (signal.aborted) return;
          expected.codeVerifier = pair.codeVerifier;
          const href = urlFor(pair.codeChallenge);
          opened.location.href = href;
          begin(href);
        },
        () =>
          settle(
            new ConnectError('invalid_config', 'oauth-connect: PKCE needs crypto.subtle; serve the page over https.'),
          ),
      );

    listen(window, 'message', (event: MessageEvent) => {
      const params = acceptCallbackMessage(event, { state, popup: opened, origin: resolved.redirectOrigin });
      if (!params) return;
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
      const id = setTimeout(cancel('timeout'), resolved.timeout * 1000);
      onSettle(() => clearTimeout(id));
    }
    let closedSince = 0;
    const poll = setInterval(() => {
      // Report `closed` only once the user is back on this page (see CLOSED_GRACE_MS).
      const userIsBack = opened.closed && document.visibilityState == 'visible' && document.hasFocus();
      closedSince = userIsBack ? closedSince || Date.now() : 0;
      if (closedSince && Date.now() - closedSince >= CLOSED_GRACE_MS) cancel('closed')();
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
export const connect = (options: ConnectOptions): Promise<ConnectResult> => startFlow(options).result;
