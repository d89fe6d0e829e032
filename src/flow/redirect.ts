/**
 * The redirect flow, for when a popup cannot be used (`mode="redirect"`, or
 * `fallback="redirect"` once a blocker refused the popup). The page itself
 * goes to the provider and comes back through the callback page. What must
 * survive the round trip, the state and the PKCE verifier, waits in
 * sessionStorage (this tab, this origin); the token or code never does: the
 * callback page hands it back in the returning URL's fragment, which the
 * element strips at once.
 */
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';

/** sessionStorage key prefix of pending redirect flows, followed by the state. */
export const STORAGE_PREFIX = 'oauth-connect:';
/**
 * First character of the state of a flow that may go through sessionStorage: a redirect flow, or a
 * popup flow that may fall back to one (base64url never has it). The callback page reads
 * sessionStorage only for such a state: in a new popup that first read is a synchronous round trip
 * to the browser process, a few milliseconds added to every popup flow (issue 8).
 */
export const REDIRECT_STATE_MARK = '.';
/** Fragment marker of a result handed back to the page that started the flow. */
export const RETURN_MARK = '#oauth-connect=';
/** How long a pending redirect flow is kept (ms): as long as the provider gives a user. */
const TTL_MS = 3_600_000;

export interface RedirectFlow {
  /** The page that started the flow, where the callback page sends the user back. */
  returnUrl: string;
  /** Which element the result is for: authorize URL, client id and response type. */
  target: string;
  expected: ExpectedCallback;
  expires: number;
}

export const saveRedirectFlow = (flow: Omit<RedirectFlow, 'expires'>): void =>
  sessionStorage.setItem(
    STORAGE_PREFIX + flow.expected.state,
    JSON.stringify({ ...flow, expires: Date.now() + TTL_MS }),
  );

const readFlow = (key: string): RedirectFlow | undefined => {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
};

/** Deletes the pending redirect flows whose time is up. Where storage is denied, none can be pending. */
export const dropExpiredFlows = (): void => {
  try {
    for (let i = sessionStorage.length; i--;) {
      const key = sessionStorage.key(i) ?? '';
      if (key.startsWith(STORAGE_PREFIX) && !((readFlow(key)?.expires ?? 0) > Date.now()))
        sessionStorage.removeItem(key);
    }
  } catch {
    // Storage denied (cookies blocked): nothing was stored.
  }
};

/**
 * On page load: when the URL carries a redirect result for `targetOf()`, removes
 * it from the URL and from storage and returns the result, else undefined.
 * `targetOf` runs, and storage is read, only when the URL carries a result: on
 * most loads, every element on the page returns at the first check. Throws a
 * `ConnectError` for an error result, and whatever `targetOf` throws.
 */
export const takeRedirectResult = (targetOf: () => string): ConnectResult | undefined => {
  const { hash, href } = location;
  if (!hash.startsWith(RETURN_MARK)) return;
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(decodeURIComponent(hash.slice(RETURN_MARK.length)));
  } catch {
    return; // malformed percent-encoding: not from our callback page, which encodes it
  }
  const key = STORAGE_PREFIX + query.get('state');
  const flow = readFlow(key);
  if (flow?.target != targetOf()) return; // not ours: another element's, or stale
  sessionStorage.removeItem(key);
  history.replaceState(history.state, '', href.slice(0, -hash.length));
  return parseCallback([...query], flow.expected);
};
