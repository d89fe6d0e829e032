import { ConnectError } from './errors.js';

export type ResponseType = 'code' | 'token';

/** What a flow needs to know. The element builds this from its attributes. */
export interface ConnectOptions {
  /** The provider's authorization endpoint; query parameters already in it are kept. */
  authorizeUrl: string;
  clientId: string;
  /** Absolute, or relative to the page. Must be on the page's own origin (the callback page posts back to it). */
  redirectUri: string;
  /** `code` (default) or `token` (the implicit grant; see SECURITY.md for why `code` is preferred). */
  responseType?: ResponseType;
  /** Space-separated scopes. */
  scope?: string;
  /** Extra authorization request parameters. They cannot override the protocol ones (`state`, `client_id`…). */
  params?: Record<string, string>;
  /** PKCE S256 for `code` flows (RFC 7636). Default true; turn off only for a provider that rejects it. */
  pkce?: boolean;
  /** Seconds before a pending flow is cancelled with `timeout`. Default 300; 0 waits forever. */
  timeout?: number;
  popupWidth?: number;
  popupHeight?: number;
  /** Aborting it ends the flow with `aborted` and closes the popup. */
  signal?: AbortSignal;
  /** Called once the popup is open, with the flow's state and the authorize URL. */
  onStart?: (detail: { state: string; url: string }) => void;
}

/** Options after validation, with every default applied. */
export interface ResolvedOptions {
  authorizeUrl: URL;
  clientId: string;
  redirectUri: string;
  redirectOrigin: string;
  responseType: ResponseType;
  scope: string | undefined;
  params: Record<string, string>;
  pkce: boolean;
  timeout: number;
  popupWidth: number;
  popupHeight: number;
}

const invalid = (message: string): never => {
  throw new ConnectError('invalid_config', `oauth-connect: ${message}`);
};

const parseUrl = (value: string, base: string, what: string): URL => {
  try {
    return new URL(value, base);
  } catch {
    return invalid(`${what} "${value}" is not a valid URL.`);
  }
};

/** Loopback hosts may use http (RFC 8252 §8.3); everything else needs TLS (RFC 6749 §3.1). */
const isSecure = (url: URL): boolean =>
  url.protocol == 'https:' || (url.protocol == 'http:' && /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname));

/**
 * Validates options and applies defaults. Throws `ConnectError('invalid_config')`
 * with a message that says what to fix; called before any popup opens.
 * @param page the page's own URL, to resolve a relative redirect URI and to check its origin.
 */
export const resolveOptions = (options: ConnectOptions, page: string = location.href): ResolvedOptions => {
  const { responseType = 'code', timeout = 300 } = options;
  if (!options.authorizeUrl) invalid("set authorize-url to the provider's authorization endpoint.");
  if (!options.clientId) invalid('set client-id to the client ID the provider gave you.');
  if (!options.redirectUri) invalid('set redirect-uri to your registered callback page.');
  const authorizeUrl = parseUrl(options.authorizeUrl, page, 'authorize-url');
  if (!isSecure(authorizeUrl)) invalid(`authorize-url must use https: ${authorizeUrl.href}`);
  const redirect = parseUrl(options.redirectUri, page, 'redirect-uri');
  const pageOrigin = new URL(page).origin;
  if (redirect.origin != pageOrigin)
    invalid(`redirect-uri must be on this page's origin (${pageOrigin}), where the callback page can reach it.`);
  if (redirect.hash) invalid('redirect-uri must not contain a fragment (RFC 6749 §3.1.2).');
  if (responseType != 'code' && responseType != 'token')
    invalid(`response-type must be "code" or "token", not "${String(responseType)}".`);
  if (!(timeout >= 0)) invalid(`timeout must be a number of seconds (0 = never), not "${timeout}".`);
  return {
    authorizeUrl,
    clientId: options.clientId,
    redirectUri: redirect.href,
    redirectOrigin: redirect.origin,
    responseType,
    scope: options.scope?.trim() || undefined,
    params: options.params ?? {},
    pkce: options.pkce ?? true,
    timeout,
    popupWidth: options.popupWidth || 500,
    popupHeight: options.popupHeight || 650,
  };
};
