/**
 * What the button says about a flow: the status an outcome leaves it in, and the status text.
 * One home for "which error is whose fault", so that every mode reads the same to the user.
 */
import { ConnectCancelled, type ConnectError } from '../flow/errors.js';
import type { OAuthConnectEventMap } from './events.js';
import type { ConnectStrings } from './locales.js';

/** Where the button is in its life; mirrored to the `status` attribute and to CSS custom states (`:state(pending)`). */
export type ConnectStatus = 'idle' | 'pending' | 'success' | 'error' | 'connected';

/** A flow's end as the element shows it: its status, the event, its detail and the status text's key when not the status's own. */
export type Outcome = {
  [K in keyof OAuthConnectEventMap]: [ConnectStatus, K, OAuthConnectEventMap[K]['detail'], (keyof ConnectStrings)?];
}[keyof OAuthConnectEventMap];

/**
 * A failed or cancelled flow's outcome. The user chose Deny: nothing failed (idle, "cancelled").
 * A setup mistake (`invalid_config`, `callback_failed`): trying again cannot help ("unavailable").
 */
export const failure = (error: Error): Outcome => {
  if (error instanceof ConnectCancelled) return ['idle', 'connect-cancel', { reason: error.reason }];
  const { error: code, errorDescription, errorUri } = error as ConnectError;
  const denied = code == 'access_denied';
  return [
    denied ? 'idle' : 'error',
    'connect-error',
    { error: code, ...(errorDescription && { errorDescription }), ...(errorUri && { errorUri }) },
    denied ? 'cancelled' : code == 'invalid_config' || code == 'callback_failed' ? 'unavailable' : undefined,
  ];
};
