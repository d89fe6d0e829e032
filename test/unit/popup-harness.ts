/**
 * Watches the real `window.open`: every call goes through to the browser and
 * opens a real popup; the harness only records the calls and the windows, so
 * tests can inspect and close them. (`blockPopups` is the one stand-in: a
 * blocker cannot be switched on from inside a page.)
 */
import { MESSAGE_TYPE } from '../../src/protocol/callback.js';
import { VERSION } from '../../src/protocol/version.js';

/** What the callback page at /test/fixtures/callback.html posts, with these parameters. */
export const callbackMessage = (params: [string, string][], overrides: Record<string, unknown> = {}) => ({
  type: MESSAGE_TYPE,
  params,
  url: new URL('/test/fixtures/callback.html', location.href).href,
  version: VERSION,
  ...overrides,
});

export interface OpenCall {
  url: string;
  name: string;
  features: string;
  popup: Window | null;
}

export const popupHarness = () => {
  const calls: OpenCall[] = [];
  const realOpen = window.open;
  let blocked = false;
  window.open = function (url?: string | URL, name?: string, features?: string) {
    const popup = blocked ? null : realOpen.call(window, url, name, features);
    calls.push({ url: String(url), name: name ?? '', features: features ?? '', popup });
    return popup;
  };
  return {
    calls,
    blockPopups: () => (blocked = true),
    /** The latest popup, once it exists. */
    get popup(): Window {
      const popup = calls.at(-1)?.popup;
      if (!popup) throw new Error('no popup was opened');
      return popup;
    },
    /** Posts to this page as the popup itself would (so `event.source` is the popup). */
    postFromPopup(popup: Window, params: [string, string][], data: unknown = callbackMessage(params)) {
      const post = new (popup as Window & typeof globalThis).Function(
        'data',
        'origin',
        'opener.postMessage(data, origin)',
      );
      post(data, location.origin);
    },
    restore() {
      window.open = realOpen;
      for (const call of calls) call.popup?.close();
    },
  };
};
