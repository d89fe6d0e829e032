/**
 * The redirect flow, for when a popup cannot be used (`mode="redirect"`, or
 * `fallback="redirect"` once a blocker refused the popup). The page itself
 * goes to the provider and comes back through the callback page. What must
 * survive the round trip, the state and the PKCE verifier, waits in
 * sessionStorage (this tab, this origin); the token or code never does: the
 * callback page hands it back in the returning URL's fragment, which the
 * bundle strips as soon as it loads.
 */
import { STORAGE_PREFIX, type ReturnAddress } from '../protocol/callback.js';
import { parseCallback, type ConnectResult, type ExpectedCallback } from './callback-result.js';
import type { ConnectOptions, ResolvedOptions } from './options.js';
import { returned, takeReturnFromUrl } from './return.js';
import type { complete, KeepServerFlow, ServerFlowOptions, SessionResult } from './server-bound.js';
/** How long a pending redirect flow is kept (ms): as long as the provider gives a user. */
const TTL_MS = 3_600_000;

export interface RedirectFlow extends ReturnAddress {
  /** Which element the result is for: every option that tells elements apart (`redirectTarget`). */
  target: string;
  /** The `id` of the element that started it, to choose among elements with identical options. */
  id?: string | undefined;
  /** An event-mode flow: what its callback must match. */
  expected?: ExpectedCallback;
  /**
   * A server-bound flow: its auth handler, provider and state, the state being the server's (the
   * page keeps no secret of it: the server checks the callback's pairs against its own).
   */
  server?: string;
  provider?: string | undefined;
  state?: string;
  expires: number;
}

/**
 * Which element a redirect result belongs to (see redirect.ts): every option that could tell two
 * elements apart, so that one for the same provider with other scopes is never taken for it.
 */
export const redirectTarget = (
  { provider, authorizeUrl: given, noPkce, mode, fallback, popupWidth, popupHeight }: ConnectOptions,
  // Not what discovery adds: the page the flow returns to may not have the issuer's metadata yet.
  // Nor the language: the page may come back in another.
  { authorizeUrl: _discovered, requireIss: _fromMetadata, uiLocales: _language, ...resolved }: ResolvedOptions,
  // mode="auto" redirects as mode="redirect" does (it hands the flow a redirect view of itself).
): string =>
  JSON.stringify([
    resolved,
    provider,
    given,
    noPkce,
    mode == 'auto' ? 'redirect' : mode,
    fallback,
    popupWidth,
    popupHeight,
  ]);

export const saveRedirectFlow = (flow: Omit<RedirectFlow, 'expires'>): void =>
  sessionStorage.setItem(
    STORAGE_PREFIX + (flow.state ?? flow.expected?.state),
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
 * The returned result, when `belongs(flow)` says that the pending flow it
 * answers is the caller's: then it is removed from memory and storage, so that
 * it is reported once. Storage is read only when there is a result: on most
 * loads, every element on the page returns at the first check. Throws a
 * `ConnectError` for an error result.
 */
export const takeRedirectResult = (
  belongs: (flow: RedirectFlow) => boolean,
  // The server-bound mode's, passed in: this module's file must not import that mode's (each its own file).
  toServer?: typeof complete,
): ConnectResult | Promise<SessionResult> | undefined => {
  takeReturnFromUrl();
  const query = returned.result;
  if (!query) return;
  const key = STORAGE_PREFIX + query.get('state');
  const flow = readFlow(key);
  if (flow && !belongs(flow)) return; // another element's
  returned.result = undefined; // ours, or a flow this tab never started (forged) or no longer keeps
  if (!flow) return;
  sessionStorage.removeItem(key);
  // A server-bound flow's pairs go to its auth handler, as the popup's do; the callback page never calls it.
  return flow.server
    ? toServer?.(flow as { server: string }, flow.state as string, [...query])
    : parseCallback([...query], flow.expected as ExpectedCallback);
};

/** Where the page comes back to: the page's own fragment apart, as the result comes back in the fragment, before it. */
const here = (): ReturnAddress => ({ returnUrl: location.href.split('#')[0] as string, hash: location.hash });

/** The redirect leg of a flow (popup-flow.ts): keeps what its return needs, from its options. */
export const saveFlowFor = (options: ConnectOptions, resolved: ResolvedOptions, expected: ExpectedCallback): void =>
  saveRedirectFlow({
    ...here(),
    target: redirectTarget(options, resolved),
    // The element passes itself as the options: among identical ones, its id says which it was.
    id: (options as { id?: string }).id,
    expected,
  });

/** Which element a server-bound redirect result is for: the one with this auth handler and provider. */
export const serverTarget = ({ server, provider }: { server?: string | undefined; provider?: string | undefined }) =>
  JSON.stringify([server, provider]);

/**
 * The server-bound redirect leg (flow/server-bound.ts's `keep`): once `start` has answered, keeps
 * `{ server, provider, state }` in sessionStorage and takes the page to the provider; the page that
 * comes back posts the pairs to `complete` (`takeRedirectResult`). Throws where storage is refused,
 * before the page leaves.
 */
export const keepServerFlow: KeepServerFlow = (options: ServerFlowOptions & { id?: string }, state, url, session) => {
  const { server, provider, id } = options;
  saveRedirectFlow({ ...here(), target: serverTarget(options), id, server, provider, state });
  session.leave();
  location.assign(url);
};
