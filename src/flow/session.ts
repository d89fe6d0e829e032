/**
 * What both popup flows share (the event mode, connect.ts, and the server-bound mode,
 * server-bound.ts): the popup, the callback's parameters coming back through message.ts, the
 * user closing the popup, and settling once. Each mode decides only what the parameters become:
 * the event mode parses them, the server-bound mode posts them to its server's `complete`. Both keep
 * the same promises (`guard`): a timeout, `callback_failed` for a callback page that sends nothing,
 * and an abort when the page goes away.
 */
import { CHANNEL_PREFIX, type CallbackParams } from '../protocol/callback.js';
import { ConnectCancelled, ConnectError, type CancelReason } from './errors.js';
import type { ConnectResult } from './callback-result.js';
import { acceptCallbackMessage, type FlowIdentity } from './message.js';
import { openCenteredPopup } from './popup.js';

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

export interface PopupSession<R> {
  /** The flow handed to the caller; `state` may be set later (the server-bound mode learns it from its server). */
  flow: PendingFlow<R> & { state: string };
  /** Aborted when the flow settles: every listener and timer of the flow hangs on it. */
  signal: AbortSignal;
  /** Runs `callback` once the flow settles (not `{ signal }`: such a listener on the signal itself goes first). */
  onSettle(callback: () => void): void;
  /** Settles the flow once (later calls do nothing) and closes the popup. */
  settle(outcome: R | Error): void;
  cancel(reason: CancelReason): () => void;
  /** Ends every listener and timer without settling: a redirect flow's page leaves, its result comes on the next load. */
  leave(): void;
  /**
   * Opens the popup (null when blocked), or sends `popup`, opened blank already, to `url`; then
   * watches for the user closing it and for a silent callback page.
   */
  open(url: string, popup?: Window | null): Window | null;
  /**
   * Hands `onParams` the first callback message `identity` accepts, from the popup (postMessage) or, when a
   * Cross-Origin-Opener-Policy cut it off from this page, over a BroadcastChannel named for the flow.
   * After that the popup closing is no cancel.
   */
  receive(identity: FlowIdentity, onParams: (params: CallbackParams) => void): void;
  /** True once the popup posted anything, even a message the flow refuses: its callback page runs. */
  heard: boolean;
  /**
   * The flow's redirect URI, once known: a popup that has loaded that page (readable: same origin)
   * and sent nothing for a few seconds ends the flow with `callback_failed` (the page does not run
   * callback.js: a single-page app's fallback page, say).
   */
  callback?: URL;
  /**
   * The promises every popup mode keeps: the flow ends with `aborted` when the page goes away
   * (an orphaned popup would deliver to nobody) or `signal` aborts, and with `timeout` after
   * `timeout` seconds (0: never).
   */
  guard(timeout: number, signal?: AbortSignal): void;
}

export const popupSession = <R>(state: string, size: Parameters<typeof openCenteredPopup>[1]): PopupSession<R> => {
  const cleanup = new AbortController();
  const { signal } = cleanup;
  const onSettle = (callback: () => void) => signal.addEventListener('abort', callback);
  let popup: Window | null = null;
  let accepted = false;
  // Assigned by the Promise executor, which runs at once: defined before `session` below.
  let settle!: (outcome: R | Error) => void;
  const result = new Promise<R>((resolve, reject) => {
    settle = (outcome) => {
      if (signal.aborted) return; // a flow settles once
      cleanup.abort();
      popup?.close();
      (outcome instanceof Error ? reject : resolve)(outcome as R & Error);
    };
  });
  const cancel = (reason: CancelReason) => () => settle(new ConnectCancelled(reason));
  /** Offers a result broadcast too early once more; the closed-poll calls it (see `receive`). */
  let offerEarly: (() => void) | undefined;
  const session: PopupSession<R> = {
    flow: {
      state,
      result,
      get settled() {
        return signal.aborted;
      },
      focus: () => popup?.focus(),
      abort: cancel('aborted'),
    },
    signal,
    onSettle,
    settle,
    cancel,
    leave: () => cleanup.abort(),
    heard: false,
    guard: (timeout, external) => {
      const abort = session.flow.abort;
      addEventListener('pagehide', abort, { signal });
      if (external?.aborted) abort();
      external?.addEventListener('abort', abort, { signal });
      if (timeout) {
        const timer = setTimeout(cancel('timeout'), timeout * 1000);
        onSettle(() => clearTimeout(timer));
      }
    },
    open: (url, blank) => {
      if (blank && url != 'about:blank') blank.location.href = url;
      const opened = (popup = blank || openCenteredPopup(url, size));
      if (!opened) return opened;
      let backSince = 0;
      let silentSince = 0;
      const poll = setInterval(() => {
        const userIsBack = opened.closed && !accepted && document.visibilityState == 'visible' && document.hasFocus();
        backSince = userIsBack ? backSince || Date.now() : 0;
        if (backSince && Date.now() - backSince >= CLOSED_GRACE_MS) cancel('closed')();
        // On the redirect URI (readable: same origin), loaded, and nothing heard: its page does not
        // run callback.js, or it failed. On the provider's page, cross-origin, reading throws.
        const page = session.callback ? session.callback.origin + session.callback.pathname : '';
        let silent = false;
        try {
          const at = opened.location;
          silent =
            !session.heard &&
            !opened.closed &&
            at.origin + at.pathname == page &&
            opened.document.readyState == 'complete';
        } catch {
          // the provider's page, on its own origin
        }
        silentSince = silent ? silentSince || Date.now() : 0;
        if (silentSince && Date.now() - silentSince >= CALLBACK_GRACE_MS) {
          const why = `oauth-connect: the callback page ${page} sent nothing: does it load callback.js?`;
          console.error(why);
          settle(new ConnectError('callback_failed', why));
        }
        offerEarly?.();
      }, CLOSED_POLL_MS);
      onSettle(() => clearInterval(poll));
      return opened;
    },
    receive: (identity, onParams) => {
      const receive = (event: MessageEvent) => {
        session.heard ||= event.source === identity.popup;
        const params = acceptCallbackMessage(event, identity);
        // Once: the opener and the channel may both deliver, and a code is single-use.
        if (params && !accepted && !signal.aborted) {
          accepted = true;
          onParams(params);
        }
      };
      addEventListener('message', receive, { signal });
      const channel = new BroadcastChannel(CHANNEL_PREFIX + identity.state);
      // A result broadcast while the popup handle still read open (the callback page's COOP cuts the
      // handle off as that page loads, a race) is offered once more when the handle reads closed.
      let early: MessageEvent | undefined;
      channel.onmessage = (event) => {
        early = identity.popup.closed ? undefined : event;
        receive(event);
      };
      offerEarly = () => early && identity.popup.closed && receive(early);
      onSettle(() => channel.close());
    },
  };
  return session;
};
