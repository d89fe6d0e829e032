import { VERSION } from '../protocol/version.js';
import { MESSAGE_TYPE, type CallbackParams } from '../protocol/callback.js';
import { parseUrl } from './urls.js';

/** Caps so that a hostile message cannot make us do unbounded work. */
const MAX_PARAMS = 32;
const MAX_LENGTH = 65536;

/** The pending flow, as far as deciding what belongs to it goes. One object per flow. */
export interface FlowIdentity {
  state: string;
  /** The popup window; messages from any other window are ignored. */
  popup: Window;
  /** The flow's redirect URI: a result from any other page (origin and path) is ignored. */
  redirectUri: string;
  /** Set once the console said that a result came from another page, so that a flood of them says it once. */
  warned?: boolean;
}

/**
 * The one place that decides whether a message belongs to the pending flow.
 * Returns the callback parameters when it does, `undefined` otherwise; it
 * never throws, whatever `data` is. A message that does not belong is ignored
 * (the flow keeps waiting), because anyone can post to a window.
 *
 * A message without a `source` came over the flow's BroadcastChannel, which
 * any same-origin tab that learnt the state can post on. It counts only once
 * the popup handle reads `closed`: then a Cross-Origin-Opener-Policy has cut the
 * popup off and the channel is its only way back. Until then, only the popup's
 * own `postMessage` does.
 */
export const acceptCallbackMessage = (
  { data, origin, source }: Pick<MessageEvent, 'data' | 'origin' | 'source'>,
  flow: FlowIdentity,
): CallbackParams | undefined => {
  const expected = new URL(flow.redirectUri);
  // Structured-cloned data has no getters: reading it cannot run a sender's code.
  const params: unknown =
    (source ? source === flow.popup : flow.popup.closed) &&
    origin === expected.origin &&
    data?.type === MESSAGE_TYPE &&
    data.params;
  if (!Array.isArray(params) || params.length > MAX_PARAMS) return;
  let stateMatches = false;
  for (const pair of params as unknown[]) {
    const [name, value] = Array.isArray(pair) && pair.length == 2 ? (pair as unknown[]) : [];
    if (typeof name != 'string' || typeof value != 'string' || name.length + value.length > MAX_LENGTH) return;
    if (name == 'state') stateMatches = value === flow.state;
  }
  if (!stateMatches) return;
  // RFC 9700 §4.4.2: the redirect URI tells providers apart. A result for this state at another
  // callback page is another provider's answer, sent here by a provider that forwarded our request.
  const at = parseUrl(data.url);
  const path = expected.pathname;
  if (at?.origin != expected.origin || at.pathname != path) {
    if (!flow.warned)
      console.warn(
        `oauth-connect: ignored a result from ${at?.pathname ?? 'an older callback.js'}, not from redirect-uri ${path} (a server rewriting /callback.html to /callback?)`,
      );
    flow.warned = true;
    return;
  }
  if (data.version !== VERSION)
    console.warn(`oauth-connect: the callback page runs callback.js ${data.version}, this page ${VERSION}.`);
  // Copy, so that what the flow parses is exactly what was checked.
  return (params as [string, string][]).map(([name, value]) => [name, value] as const);
};
