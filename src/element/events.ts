import type { ConnectResult } from '../flow/callback-result.js';
import type { CancelReason, ConnectErrorCode } from '../flow/errors.js';
import type { ConnectAccount, SessionResult } from '../flow/server-bound.js';

/** `connect-start`: the popup is open at `url`. */
export interface ConnectStartDetail {
  state: string;
  url: string;
}

/** `connect-success`: a code to exchange on your server, or a token; in server-bound mode, the account. */
export type ConnectSuccessDetail = ConnectResult | SessionResult;

/** `connect-disconnect` (cancelable): the connection is about to end. */
export interface ConnectDisconnectDetail {
  account: ConnectAccount;
  provider?: string;
}

/** `connect-restore`: an account the server still holds (`GET {server}/session`) is shown. */
export interface ConnectRestoreDetail {
  account: ConnectAccount;
  provider?: string;
}

/** `connect-error`: the provider's OAuth error code, or one of ours. */
export interface ConnectErrorDetail {
  error: ConnectErrorCode | (string & {});
  errorDescription?: string;
  errorUri?: string;
}

/** `connect-cancel`: the flow ended without a result. */
export interface ConnectCancelDetail {
  reason: CancelReason;
}

/**
 * `connect-environment` (`mode="auto"`), once per element before any click: where the visitor is
 * (an ordinary browser, an app's in-app browser, a web app on an iOS home screen), which app, and
 * what a click will do there.
 */
export interface ConnectEnvironmentDetail {
  kind: 'browser' | 'in-app' | 'standalone';
  /** The in-app browser's app, as the table names it: `instagram`, `facebook`, `tiktok`… */
  app?: string;
  action: 'popup' | 'redirect' | 'escape';
}

export type ConnectStartEvent = CustomEvent<ConnectStartDetail>;
export type ConnectSuccessEvent = CustomEvent<ConnectSuccessDetail>;
export type ConnectErrorEvent = CustomEvent<ConnectErrorDetail>;
export type ConnectCancelEvent = CustomEvent<ConnectCancelDetail>;
export type ConnectDisconnectEvent = CustomEvent<ConnectDisconnectDetail>;
export type ConnectRestoreEvent = CustomEvent<ConnectRestoreDetail>;
export type ConnectEnvironmentEvent = CustomEvent<ConnectEnvironmentDetail>;

/** Every event `<oauth-connect>` fires; all bubble and are composed. */
export interface OAuthConnectEventMap {
  'connect-start': ConnectStartEvent;
  'connect-success': ConnectSuccessEvent;
  'connect-error': ConnectErrorEvent;
  'connect-cancel': ConnectCancelEvent;
  'connect-disconnect': ConnectDisconnectEvent;
  'connect-restore': ConnectRestoreEvent;
  'connect-environment': ConnectEnvironmentEvent;
}

declare global {
  // Makes `el.addEventListener('connect-success', (e) => e.detail.code)` type-check.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends OAuthConnectEventMap {}
}
