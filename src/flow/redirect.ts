/**
 * The redirect flow, for when a popup cannot be used (`mode="redirect"`, or
 * `fallback="redirect"` once a blocker refused the popup). The page itself
 * goes to the provider and comes back through the callback page. What must
 * survive the round trip, the state and the PKCE verifier, waits in
 * sessionStorage (this tab, this origin); the token or code never does: the
 * callback page hands it back in the returning URL's fragment, which the
 * bundle strips as soon as it loads.
 */
import { RETURN_MARK, STORAGE_PREFIX, type ReturnAddress } from '../protocol/callback.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
/** How long a pending redirect flow is kept (ms): as long as the provider gives a user. */
const TTL_MS = 3_600_000;

export interface RedirectFlow extends ReturnAddress {
  /** Which element the result is for: every option that tells elements apart (`redirectTarget`). */
  target: string;
  /** The `id` of the element that started it, to choose among elements with identical options. */
  id?: string | undefined;
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

/** The result the address bar carried, from when the bundle saw it until its element takes it. */
let returned: URLSearchParams | undefined;

/**
 * Takes a returned result out of the address bar at once (at the bundle's load,
 * not when an element connects: a single-page app may mount its button much
 * later), and puts the page's own fragment back. Keeps the result in memory
 * for `takeRedirectResult`. Cheap and idempotent: most loads return at the
 * first check.
 */
export const takeReturnFromUrl = (): void => {
  const { hash, href } = location;
  const at = hash.indexOf(RETURN_MARK);
  if (at < 0) return;
  // The callback page wrote `#oauth-connect=<encoded result>` then the page's own fragment, if any.
  // A hash router may have put its route in front (`#/settings#oauth-connect=…`): the result
  // leaves the address bar all the same, whoever claims it.
  const [encoded = '', own] = hash.slice(at + RETURN_MARK.length).split(/#([^]*)/);
  history.replaceState(history.state, '', href.slice(0, -hash.length) + hash.slice(0, at) + (own ? '#' + own : ''));
  try {
    returned = new URLSearchParams(decodeURIComponent(encoded));
  } catch {
    returned = undefined; // malformed percent-encoding: not from our callback page, which encodes it
  }
};

/**
 * The returned result, when `belongs(flow)` says that the pending flow it
 * answers is the caller's: then it is removed from memory and storage, so that
 * it is reported once. Storage is read only when there is a result: on most
 * loads, every element on the page returns at the first check. Throws a
 * `ConnectError` for an error result.
 */
export const takeRedirectResult = (belongs: (flow: RedirectFlow) => boolean): ConnectResult | undefined => {
  takeReturnFromUrl();
  if (!returned) return;
  const query = returned;
  const key = STORAGE_PREFIX + query.get('state');
  const flow = readFlow(key);
  if (flow && !belongs(flow)) return; // another element's
  returned = undefined; // ours, or a flow this tab never started (forged) or no longer keeps
  if (!flow) return;
  sessionStorage.removeItem(key);
  return parseCallback([...query], flow.expected);
};
