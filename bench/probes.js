// Installed before any page script (Playwright `addInitScript({ path })`) by `npm run bench`
// (bench/flows.js) and by the end-to-end tests test/e2e/no-leaks.ui.spec.ts and
// test/e2e/click-to-popup.popup-blocker.spec.ts. A plain browser script, no imports.
//
// It counts what a flow may leave behind, without changing behaviour:
//   - event listeners per target (add/remove, `once`, `signal`, duplicates as the DOM does);
//   - open BroadcastChannels (constructed, not yet closed);
//   - pending timers (setTimeout not yet fired or cleared, setInterval not cleared);
// and records every `window.open` call: when, and whether it ran synchronously inside a
// trusted click listener. A trusted click runs a microtask checkpoint after *each* listener,
// so a flag set in some other capturing listener is already cleared when the element's own
// listener runs. The flag is therefore set inside every click listener itself (each listener
// is called through a wrapper) and cleared by a microtask queued there: if window.open still
// sees it, no microtask or task boundary lies between the click listener and the popup.
// Also `runFlows`, the flow driver both use (see there).
(() => {
  if (window.__probe) return;
  const realAdd = EventTarget.prototype.addEventListener;
  const realRemove = EventTarget.prototype.removeEventListener;
  const realSetTimeout = window.setTimeout;
  const realSetInterval = window.setInterval;
  const realClearTimeout = window.clearTimeout;
  const realClearInterval = window.clearInterval;
  const realOpen = window.open;
  const RealChannel = window.BroadcastChannel;

  /** Only timers created by code whose stack matches this count (null: all). */
  let timerSource = null;
  const fromSource = () => !timerSource || timerSource.test(new Error().stack ?? '');

  // ---- listeners
  const registry = new WeakMap(); // target → [{ type, listener, capture, wrapper }]
  const entriesOf = (target) => {
    let entries = registry.get(target);
    if (!entries) registry.set(target, (entries = []));
    return entries;
  };
  const captureOf = (options) => (typeof options == 'boolean' ? options : !!options?.capture);
  const find = (target, type, listener, capture) =>
    registry.get(target)?.find((e) => e.type == type && e.listener === listener && e.capture == capture);
  const forget = (target, entry) => {
    const entries = registry.get(target);
    const index = entries ? entries.indexOf(entry) : -1;
    if (index >= 0) entries.splice(index, 1);
  };
  let clickInProgress = null;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (!listener) return realAdd.call(this, type, listener, options);
    const capture = captureOf(options);
    if (find(this, type, listener, capture)) return;
    const signal = typeof options == 'object' ? options?.signal : undefined;
    if (signal?.aborted) return;
    const once = typeof options == 'object' && !!options?.once;
    const entry = { type, listener, capture, target: this };
    entry.wrapper = function (event) {
      if (once) forget(entry.target, entry);
      if (event.type == 'click' && event.isTrusted) {
        clickInProgress = event;
        queueMicrotask(() => (clickInProgress = null));
      }
      return typeof listener == 'function' ? listener.call(this, event) : listener.handleEvent(event);
    };
    entriesOf(this).push(entry);
    if (signal) realAdd.call(signal, 'abort', () => forget(entry.target, entry), { once: true });
    return realAdd.call(this, type, entry.wrapper, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    const entry = listener && find(this, type, listener, captureOf(options));
    if (!entry) return realRemove.call(this, type, listener, options);
    forget(this, entry);
    return realRemove.call(this, type, entry.wrapper, options);
  };

  // ---- BroadcastChannel
  const channels = new Set();
  window.BroadcastChannel = class BroadcastChannel extends RealChannel {
    constructor(name) {
      super(name);
      channels.add(this);
    }
    close() {
      channels.delete(this);
      return super.close();
    }
  };

  // ---- timers
  const timers = new Map(); // id → 'timeout' | 'interval'
  window.setTimeout = function (callback, delay, ...rest) {
    if (typeof callback != 'function' || !fromSource()) return realSetTimeout(callback, delay, ...rest);
    const id = realSetTimeout(
      function () {
        timers.delete(id);
        return callback.apply(this, arguments);
      },
      delay,
      ...rest,
    );
    timers.set(id, 'timeout');
    return id;
  };
  window.setInterval = function (callback, delay, ...rest) {
    const id = realSetInterval(callback, delay, ...rest);
    if (fromSource()) timers.set(id, 'interval');
    return id;
  };
  window.clearTimeout = function (id) {
    timers.delete(id);
    return realClearTimeout(id);
  };
  window.clearInterval = function (id) {
    timers.delete(id);
    return realClearInterval(id);
  };

  // ---- window.open
  const opens = [];
  let lastClick = null;
  let lastPopup = null;
  // The first listener of every click's dispatch (capture, on window): when the click began.
  realAdd.call(
    window,
    'click',
    (event) => event.isTrusted && (lastClick = { at: performance.now(), timeStamp: event.timeStamp }),
    true,
  );
  window.open = function (...args) {
    const at = performance.now();
    const inClick = clickInProgress !== null;
    const click = inClick ? lastClick : null;
    const popup = realOpen.apply(this, args);
    // No reference to the popup is kept here (a closed window's proxy would hold memory): only the last.
    opens.push({
      at,
      inClick,
      sinceClick: click ? at - click.at : null,
      sinceEventTimeStamp: click ? at - click.timeStamp : null,
      opened: popup !== null,
    });
    lastPopup = popup;
    return popup;
  };

  // ---- the flow driver
  /** Settles on the element's next connect-success / -error / -cancel. Listens on document, not on the element. */
  const settled = new Map(); // element → resolve
  const onSettle = (event) => {
    const resolve = settled.get(event.target);
    if (resolve) {
      settled.delete(event.target);
      resolve({ type: event.type, reason: event.detail?.reason, at: performance.timeOrigin + performance.now() });
    }
  };
  const pause = (ms) => new Promise((resolve) => realSetTimeout(resolve, ms));
  const KINDS = ['success', 'error', 'close', 'abort'];

  /**
   * Runs `count` flows on `elements` (each one flow at a time, the elements in parallel), cycling
   * through the kinds: success and error (an unknown scope: the provider redirects back with
   * `invalid_scope`) on `autoUrl`, a provider that approves at once; cancel-by-close (the popup is
   * closed as a user would) and abort (`element.abort()`) on `manualUrl`, whose sign-in page waits.
   * Resolves with every flow's kind and outcome; for successes, the time from the callback page's
   * first script (`window.__callbackStart`, set on this page by the callback page) to the event,
   * and the steps in between (`parts`, see bench/callback.html): when the callback page had read
   * sessionStorage, had posted the result to this page and had opened the flow's BroadcastChannel,
   * when this page's first `message` event was dispatched.
   * `gap`: after each flow, once its popup is gone, each element waits that long before its next
   * click, as a user would (the next PKCE pair is ready, the last popup torn down); 0 chains the
   * flows back to back, the next click in the same task as the last flow's event.
   */
  const runFlows = async ({ count, elements, autoUrl, manualUrl, kinds = KINDS, gap = 0 }) => {
    for (const type of ['connect-success', 'connect-error', 'connect-cancel']) realAdd.call(document, type, onSettle);
    // The first `message` event on this page after each click (any sender): when it was posted (a
    // MessageEvent's timeStamp is taken when postMessage creates it, in the sender's call) and when
    // the host's turn came to dispatch it.
    let messageAt = null;
    let messagePostedAt = null;
    const onMessage = (event) => {
      if (messageAt != null) return;
      messageAt = performance.timeOrigin + performance.now();
      messagePostedAt = performance.timeOrigin + event.timeStamp;
    };
    realAdd.call(window, 'message', onMessage, true);
    const flows = [];
    let next = 0;
    let closesLost = 0;
    try {
      await Promise.all(
        elements.map(async (element) => {
          while (next < count) {
            const kind = kinds[next++ % kinds.length];
            element.authorizeUrl = kind == 'success' || kind == 'error' ? autoUrl : manualUrl;
            element.scope = kind == 'error' ? 'no-such-scope' : 'profile';
            await element.updateComplete;
            const outcome = new Promise((resolve) => settled.set(element, resolve));
            window.__callbackStart = window.__callbackScriptStart = undefined;
            window.__callbackStorageRead = window.__callbackChannelOpened = undefined;
            messageAt = messagePostedAt = null;
            const clickedAt = performance.now();
            element.shadowRoot.querySelector('[part="button"]').click();
            const popup = lastPopup;
            lastPopup = null;
            if (kind == 'close') {
              // As a user closes it. Chromium can ignore a close() during the popup's first navigation:
              // then it is closed again (the sign-in page waits, so this flow can only be cancelled).
              await pause(20);
              for (let i = 0; popup && !popup.closed; i++) {
                if (i % 10 == 0) popup.close();
                await pause(10);
              }
            } else if (kind == 'abort') {
              await pause(20);
              element.abort();
            }
            const result = await outcome;
            const {
              __callbackStart: pageStart,
              __callbackScriptStart: scriptStart,
              __callbackStorageRead: storageRead,
              __callbackChannelOpened: channelOpened,
            } = window;
            const success = result.type == 'connect-success';
            const since = (from, to) => (success && from && to ? to - from : null);
            flows.push({
              kind,
              outcome: result.type + (result.reason ? ':' + result.reason : ''),
              duration: performance.now() - clickedAt,
              callbackToEvent: since(scriptStart, result.at),
              callbackPageToEvent: since(pageStart, result.at),
              // From the callback page's postMessage (its event's timeStamp) to the event: needs no
              // mark in the callback script, so it reads any build's alike.
              postedToEvent: success && messagePostedAt ? result.at - messagePostedAt : null,
              // Of which the host's own handling: its first message event dispatched → the event.
              messageToEvent: success && messageAt ? result.at - messageAt : null,
              parts: success
                ? {
                    storageRead: since(scriptStart, storageRead),
                    posted: since(scriptStart, messagePostedAt),
                    channelOpened: since(scriptStart, channelOpened),
                    message: since(scriptStart, messageAt),
                  }
                : null,
            });
            // The popup is closed by then (by the callback page or the flow); wait for it to be gone.
            // Chromium can ignore a close() that lands during the popup's first navigation: then close
            // it again, and count it.
            for (let i = 0; i < 100 && popup && !popup.closed; i++) await pause(10);
            if (popup && !popup.closed) {
              closesLost++;
              popup.close();
            }
            if (gap) await pause(gap);
          }
        }),
      );
    } finally {
      for (const type of ['connect-success', 'connect-error', 'connect-cancel'])
        realRemove.call(document, type, onSettle);
      realRemove.call(window, 'message', onMessage, true);
    }
    return { flows, closesLost };
  };

  window.__probe = {
    /** Listeners on one target (what `addEventListener` holds; `pierce` is the CDP view). */
    listeners: (target) => registry.get(target)?.length ?? 0,
    channels: () => channels.size,
    timers: () => timers.size,
    /** Count only timers created by code whose stack matches (e.g. /\/src\//): a test page has others. */
    countTimersFrom: (source) => {
      timerSource = source;
      timers.clear();
    },
    opens,
    /** The popup of the latest window.open call, until runFlows takes it. */
    get lastPopup() {
      return lastPopup;
    },
    runFlows,
    pause,
  };
})();
