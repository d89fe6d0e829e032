/**
 * What the callback page (src/callback) and the page that started the flow (src/flow) say to each
 * other: the message the popup posts, the channel it also broadcasts on, the redirect flow kept in
 * sessionStorage and the mark of a result handed back in the address bar. Types and constants
 * only, importing nothing, so that the callback page never pulls in the element or the flow.
 */

/** `code` (the authorization code grant) or `token` (the implicit grant). */
export type ResponseType = 'code' | 'token';

/** Name/value pairs from the callback URL's query and fragment, in order, duplicates kept. */
export type CallbackParams = ReadonlyArray<readonly [string, string]>;

/** The marker of messages the callback page sends; anything else is not ours. */
export const MESSAGE_TYPE = 'oauth-connect:callback';

/** Name prefix of the BroadcastChannel a flow listens on, followed by its state. */
export const CHANNEL_PREFIX = 'oauth-connect:';

/** sessionStorage key prefix of pending redirect flows, followed by the state. */
export const STORAGE_PREFIX = 'oauth-connect:';

/**
 * First character of the state of a flow that may go through sessionStorage: a redirect flow, or a
 * popup flow that may fall back to one (base64url never has it). The callback page reads
 * sessionStorage only for such a state: in a new popup that first read is a synchronous round trip
 * to the browser process, a few milliseconds added to every popup flow (bench/RESULTS.md, "Time and memory").
 */
export const REDIRECT_STATE_MARK = '.';

/** Fragment marker of a result handed back to the page that started the flow. */
export const RETURN_MARK = '#oauth-connect=';

/** What the callback page posts to its opener (and broadcasts on the flow's channel). */
export interface CallbackMessage {
  type: typeof MESSAGE_TYPE;
  params: CallbackParams;
  /** The callback page's own URL, origin and path only (never its query or fragment). */
  url: string;
  /** The package version of the callback script. */
  version: string;
}

/** What the callback page reads of a pending redirect flow in sessionStorage: where to send the user back. */
export interface ReturnAddress {
  /** The page that started the flow, without its fragment. */
  returnUrl: string;
  /** That page's own fragment (a hash router's route), put back after the result is taken out. */
  hash: string;
}
