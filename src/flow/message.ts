import type { CallbackParams } from './callback-result.js';

/** The marker of messages the callback page sends; anything else is not ours. */
export const MESSAGE_TYPE = 'oauth-connect:callback';

/** Name prefix of the BroadcastChannel a flow listens on, followed by its state. */
export const CHANNEL_PREFIX = 'oauth-connect:';

/** What the callback page posts to its opener (and, see below, broadcasts). */
export interface CallbackMessage {
  type: typeof MESSAGE_TYPE;
  params: CallbackParams;
}

/** Caps so that a hostile message cannot make us do unbounded work. */
const MAX_PARAMS = 32;
const MAX_LENGTH = 65536;

/** The pending flow, as far as deciding what belongs to it goes. */
export interface FlowIdentity {
  state: string;
  /** The popup window; messages from any other window are ignored. Null for the flow's BroadcastChannel, whose messages have no source. */
  popup: MessageEventSource | null;
  /** The redirect URI's origin; messages from any other origin are ignored. */
  origin: string;
}

/**
 * The one place that decides whether a message belongs to the pending flow.
 * Returns the callback parameters when it does, `undefined` otherwise; it
 * never throws, whatever `data` is. A message that does not belong is ignored
 * (the flow keeps waiting), because anyone can post to a window.
 */
export const acceptCallbackMessage = (
  { data, origin, source }: Pick<MessageEvent, 'data' | 'origin' | 'source'>,
  flow: FlowIdentity,
): CallbackParams | undefined => {
  // Structured-cloned data has no getters: reading it cannot run a sender's code.
  const params: unknown = source === flow.popup && origin === flow.origin && data?.type === MESSAGE_TYPE && data.params;
  if (!Array.isArray(params) || params.length > MAX_PARAMS) return;
  let stateMatches = false;
  for (const pair of params as unknown[]) {
    const [name, value] = Array.isArray(pair) && pair.length == 2 ? (pair as unknown[]) : [];
    if (typeof name != 'string' || typeof value != 'string' || name.length + value.length > MAX_LENGTH) return;
    if (name == 'state') stateMatches = value === flow.state;
  }
  // Copy, so that what the flow parses is exactly what was checked.
  return stateMatches ? (params as [string, string][]).map(([name, value]) => [name, value] as const) : undefined;
};
