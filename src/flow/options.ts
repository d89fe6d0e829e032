import { ConnectError } from './errors.js';
import { providers } from './providers.js';
import { knownIssuers } from './metadata.js';
import { isHttpsOrLoopback, parseUrl } from './urls.js';

import type { ResponseType } from '../protocol/callback.js';

/** What a flow needs to know. `<oauth-connect>` passes itself: its properties have these names. */
export interface ConnectOptions {
  /** A preset's id (`ulule`, `ultracart` or one registered with `registerProvider`); explicit options win over it. */
  provider?: string | undefined;
  /** The provider's authorization endpoint; query parameters already in it are kept. */
  authorizeUrl?: string | undefined;
  clientId?: string | undefined;
  /** Absolute, or relative to the page. Must be on the page's own origin (the callback page posts back to it). */
  redirectUri?: string | undefined;
  /** `code` (default) or `token` (the implicit grant; see SECURITY.md for why `code` is preferred). */
  responseType?: ResponseType | undefined;
  /** The provider's issuer identifier (RFC 9207): an answer whose `iss` names another is refused. */
  issuer?: string | undefined;
  /** Refuses an answer without `iss` from the issuer. */
  requireIss?: boolean | undefined;
  /** Space-separated scopes. With `openid` in a code flow, a `nonce` is sent. */
  scope?: string | undefined;
  /** Extra authorization request parameters. They cannot override the protocol ones (`state`, `client_id`…). */
  params?: Record<string, string> | undefined;
  /** Leaves out PKCE (RFC 7636) in `code` flows: only for a provider that rejects it. */
  noPkce?: boolean | undefined;
  /** Seconds before a pending flow is cancelled with `timeout`. Default 300; 0 waits forever. */
  timeout?: number | undefined;
  /** Default 500. */
  popupWidth?: number | undefined;
  /** Default 650. */
  popupHeight?: number | undefined;
  /** `redirect` navigates this page to the provider instead of opening a popup. */
  mode?: 'popup' | 'redirect' | 'auto' | undefined;
  /** `redirect`: when the popup is blocked, fall back to navigating this page. */
  fallback?: 'redirect' | undefined;
  /** Aborting it ends the flow with `aborted` and closes the popup. */
  signal?: AbortSignal | undefined;
  /**
   * The user's language (BCP 47, `fr` or `fr-CA en`), sent as `ui_locales` (OpenID Connect Core
   * §3.1.2.1) so that the provider's pages speak it; `params.ui_locales` wins. The element sends its own.
   */
  uiLocales?: string | undefined;
}

/** The options a flow runs with, checked and completed. */
export interface ResolvedOptions {
  /** Empty while the issuer's metadata is on its way. */
  authorizeUrl: string;
  requireIss?: boolean | undefined;
  clientId: string;
  redirectUri: string;
  responseType: ResponseType;
  issuer?: string | undefined;
  scope?: string | undefined;
  params?: Record<string, string> | undefined;
  uiLocales?: string | undefined;
  /** Seconds; 0 = never. */
  timeout: number;
}

function invalid(message: string): never {
  throw new ConnectError('invalid_config', 'oauth-connect: ' + message);
}

const url = (name: string, value: string | undefined, base: string): URL =>
  value
    ? (parseUrl(value, base) ?? invalid(`${name} "${value}" is not a valid URL.`))
    : invalid(name + ' is required.');

/**
 * Checks options and completes them from the provider preset and the
 * defaults. Throws `ConnectError('invalid_config')` with a message that says
 * what to fix; flows call it before any popup opens.
 * @param page the page's own URL, to resolve a relative redirect URI and to check its origin.
 */
export const resolveOptions = (options: ConnectOptions, page: string = location.href): ResolvedOptions => {
  const { provider, clientId, responseType = 'code', timeout = 300 } = options;
  const preset = providers[provider ?? ''];
  if (provider && !preset) invalid(`unknown provider "${provider}"; add it with registerProvider().`);
  const supported = preset?.responseTypes ?? ['code', 'token'];
  if (!clientId) invalid('client-id is required: the client ID the provider gave you.');
  const issuer = options.issuer || preset?.issuer;
  // Parsed only when there is one: parsing nothing throws, and the element checks on every option change.
  const issuerUrl = issuer && parseUrl(issuer);
  // RFC 8414 §2: an https URL without query or fragment.
  if (issuer && !(issuerUrl && !issuerUrl.search && !issuerUrl.hash && isHttpsOrLoopback(issuerUrl)))
    invalid('issuer must be an https URL without query or fragment.');
  // An issuer without authorize-url: the endpoint comes from its metadata (issuer.ts).
  const explicit = options.authorizeUrl || preset?.authorizeUrl;
  const metadata = !explicit && issuer ? knownIssuers.get(issuer) : undefined;
  if (metadata instanceof Error) throw metadata;
  const endpoint = explicit || metadata?.authorization_endpoint;
  // Still on its way: the flow waits for it (connect.ts) and resolves again.
  const authorize = endpoint || !issuer ? url('authorize-url', endpoint, page) : undefined;
  // No user name or password: the popup would send them, and `http://localhost:x@evil.example` reads as loopback.
  if (authorize && (authorize.username || authorize.password || !isHttpsOrLoopback(authorize)))
    invalid(
      `${explicit ? 'authorize-url' : "the issuer's authorization_endpoint"} must use https (http on localhost only), without a user name or password: "${authorize.href}".`,
    );
  const redirect = url('redirect-uri', options.redirectUri, page);
  const { origin } = new URL(page);
  // Each message names the value at fault: the one in the markup may not be the one the developer meant.
  if (redirect.origin != origin) invalid(`redirect-uri "${redirect.href}" must be on this page's origin, ${origin}.`);
  if (redirect.hash) invalid(`redirect-uri "${redirect.href}" must not contain a fragment.`);
  if (!supported.includes(responseType))
    invalid(
      `response-type "${responseType}" is not supported${preset ? ' by ' + preset.name : ''}; use ${supported.join(' or ')}.`,
    );
  if (!(timeout >= 0)) invalid(`timeout "${timeout}" must be a number of seconds (0 = never).`);
  return {
    authorizeUrl: authorize?.href ?? '',
    clientId,
    redirectUri: redirect.href,
    responseType,
    issuer,
    // RFC 9207 §3: a server that says it always sends iss must not be trusted without it.
    requireIss: options.requireIss || metadata?.authorization_response_iss_parameter_supported,
    scope: options.scope?.trim(),
    params: options.params,
    uiLocales: options.uiLocales,
    timeout,
  };
};
