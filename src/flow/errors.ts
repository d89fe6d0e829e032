/**
 * Errors a flow ends with. `error` is stable and machine-readable: either the
 * provider's OAuth error code (RFC 6749 §4.1.2.1 / §4.2.2.1, e.g. `access_denied`)
 * or one of ours (`ConnectErrorCode`). Match on `error`, never on `message`.
 */

/** Error codes raised by oauth-connect itself, as opposed to the provider. */
export type ConnectErrorCode =
  /** `window.open` returned null: a blocker refused the popup. */
  | 'popup_blocked'
  /** The callback carried something that is not a valid OAuth response. */
  | 'invalid_response'
  /** The element or options are wrong (missing client id, bad URL…); raised before any popup opens. */
  | 'invalid_config'
  /** The popup reached the redirect URI, whose page loaded but sent nothing: does it load callback.js? */
  | 'callback_failed';

/** Why a flow ended without a result. */
export type CancelReason = 'closed' | 'timeout' | 'aborted';

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    /** A provider OAuth error code or a {@link ConnectErrorCode}. */
    readonly error: ConnectErrorCode | (string & {}),
    /** Human-readable text; from the provider's `error_description` when it sent one. */
    readonly errorDescription?: string,
    /** The provider's `error_uri`, when it sent one. */
    readonly errorUri?: string,
  ) {
    super(errorDescription ? `${error}: ${errorDescription}` : error);
  }
}

/** The flow ended without a result: the user closed the popup, it timed out, or it was aborted. */
export class ConnectCancelled extends Error {
  override readonly name = 'ConnectCancelled';
  constructor(readonly reason: CancelReason) {
    super('cancelled: ' + reason);
  }
}

/**
 * What a page that left out a mode's module hears (npm: it imports what it uses): the import
 * line that fixes it.
 */
export const missingMode = (name: string): ConnectError =>
  new ConnectError('invalid_config', `oauth-connect: this needs import 'oauth-connect/modes/${name}'.`);
