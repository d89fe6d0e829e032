/**
 * The plain-function API for apps that do not use the element: every leg of the popup flow
 * (the redirect mode and fallback, discovery by issuer) comes with it.
 */
import { discover } from './issuer.js';
import { startPopupFlow } from './popup-flow.js';
import type { ConnectOptions } from './options.js';
import type { ConnectResult } from './callback-result.js';
import { saveFlowFor } from './redirect.js';
import type { OnStart, PendingFlow } from './session.js';

/**
 * Starts a flow. Everything up to `window.open` runs synchronously, so calling
 * this from a click handler keeps the user activation the popup blocker asks
 * for. Never throws: every failure settles `result`.
 */
export const startFlow = (options: ConnectOptions, onStart?: OnStart): PendingFlow =>
  startPopupFlow(options, onStart, { saveRedirect: saveFlowFor, discover });

/**
 * Runs a whole popup flow. Call it from a click handler (see `startFlow`).
 */
export const connect = (options: ConnectOptions, onStart?: OnStart): Promise<ConnectResult> =>
  startFlow(options, onStart).result;
