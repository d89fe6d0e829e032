import {
  CHANNEL_PREFIX,
  MESSAGE_TYPE,
  REDIRECT_STATE_MARK,
  RETURN_MARK,
  STORAGE_PREFIX,
  type CallbackMessage,
  type CallbackParams,
  type ReturnAddress,
} from '../protocol/callback.js';
import { VERSION } from '../protocol/version.js';

/** Every parameter of the redirect URL: the query (code flow) then the fragment (token flow). */
export const readCallbackParams = (href: string): CallbackParams => {
  const url = new URL(href);
  return [...url.searchParams, ...new URLSearchParams(url.hash.slice(1))];
};

/**
 * Runs on the `redirect_uri` page: hands the provider's answer to the page that
 * started the flow, then closes the popup. It only forwards; the element
 * decides whether the answer belongs to its flow (`flow/message.ts`).
 */
export const handleCallback = (win: Window = window): void => {
  const { location, history, opener, document } = win;
  const params = readCallbackParams(location.href);
  // First of all, take the code or token out of the address bar, so it is not
  // kept in history or sent as a Referer (RFC 9700 §4.2.4).
  history.replaceState(null, '', location.pathname);
  const query = new URLSearchParams(params as [string, string][]);
  const state = query.get('state');
  // A redirect flow (no popup): this tab started it and waits for the answer back home.
  // Reading storage throws where the browser denies it (cookies blocked, a third-party frame):
  // then there is no redirect flow to resume, and the popup path below still works.
  let pending: string | null | undefined;
  try {
    // A marked state is an event-mode redirect flow's (flow/redirect.ts). A server-bound one's state is
    // the server's, unmarked: a page without an opener looks for it too. A popup flow skips the read.
    pending =
      state && (state.startsWith(REDIRECT_STATE_MARK) || !opener)
        ? win.sessionStorage.getItem(STORAGE_PREFIX + state)
        : undefined;
  } catch {
    pending = undefined;
  }
  if (pending) {
    const { returnUrl, hash = '' } = JSON.parse(pending) as ReturnAddress;
    // The result first, then the page's own fragment (a hash router's route), which the element puts back.
    location.replace(returnUrl + RETURN_MARK + encodeURIComponent(query + '') + hash);
    return;
  }
  // Where this page is (origin and path: the query and fragment are gone): the element accepts a
  // result only from its own redirect_uri, so that another provider's answer is not taken for it.
  const message: CallbackMessage = {
    type: MESSAGE_TYPE,
    params,
    url: location.origin + location.pathname,
    version: VERSION,
  };
  // Target our own origin: the element checks who sent it; this checks who receives it.
  opener?.postMessage(message, location.origin);
  // Also over a channel: when a Cross-Origin-Opener-Policy cut the popup off, `opener` is null.
  if (state) {
    const channel = new BroadcastChannel(CHANNEL_PREFIX + state);
    channel.postMessage(message);
    channel.close();
  }
  document.body.textContent = 'This window is no longer needed. You can close it.';
  win.close();
};
