/** oauth-connect: the element class and the flow functions, without side effects. */
export { OAuthConnectElement, type ConnectStatus } from './element/oauth-connect.js';
export type * from './element/events.js';
export { connect, startFlow } from './flow/connect.js';
export type { OnStart, PendingFlow } from './flow/session.js';
export type { ConnectOptions } from './flow/options.js';
export type { CallbackParams, ResponseType } from './protocol/callback.js';
export type { CodeResult, TokenResult, ConnectResult } from './flow/callback-result.js';
export type { ConnectAccount, SessionResult } from './flow/server-bound.js';
export { ConnectError, ConnectCancelled, type ConnectErrorCode, type CancelReason } from './flow/errors.js';
export { buildAuthorizeUrl } from './flow/authorize-url.js';
export { parseCallback } from './flow/callback-result.js';
export { acceptCallbackMessage } from './flow/message.js';
export { pkceChallenge, randomToken } from './flow/secrets.js';
export { providers, registerProvider, type ProviderPreset } from './flow/providers.js';
export { registerLocale, type ConnectStrings, type LocaleFill, type LocaleOptions } from './element/locales.js';
