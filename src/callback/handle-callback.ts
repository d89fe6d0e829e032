import type { CallbackParams } from '../flow/callback-result.js';
import { MESSAGE_TYPE, type CallbackMessage } from '../flow/message.js';

/** Every parameter of the redirect URL: the query (code flow) then the fragment (token flow). */
export const readCallbackParams = (href: string): CallbackParams => {
  const url = new URL(href);
  return [...url.searchParams, ...new URLSearchParams(url.hash.slice(1))];
};

/**
 * Runs on the `redirect_uri` page: hands the provider's answer to the page that
 * opened the popup, then closes the popup. It only forwards; the opener decides
 * whether the answer belongs to its flow (see `flow/message.ts`).
 */
export const handleCallback = (win: Window = window): void => {
  const { location, history, opener } = win;
  const params = readCallbackParams(location.href);
  // First of all, take the code or token out of the address bar, so it is not
  // kept in history or sent as a Referer (RFC 9700 §4.2.4).
  history.replaceState(null, '', location.pathname);
  const message: CallbackMessage = { type: MESSAGE_TYPE, params };
  if (opener) {
    // Target our own origin: the element checks the sender; this checks the receiver.
    opener.postMessage(message, location.origin);
    win.close();
  } else {
    win.document.body.textContent =
      'This window finishes a sign-in started in another window, which is no longer open. You can close it.';
  }
};
