/**
 * The protocol client: which authorization server a call talks to (by
 * discovery from its issuer, or from explicit endpoints for plain OAuth 2
 * providers such as Ulule and UltraCart, whose docs publish no metadata), and
 * how this client authenticates to it. oauth4webapi does the protocol.
 */
import * as oauth from 'oauth4webapi';
import { redact, TokenError, toTokenError, type CallRecord } from './errors.js';
import { configuredUrl, guardedFetch, type HttpOptions } from './http.js';

/** How the client authenticates to the token endpoint (RFC 6749 §2.3.1; names from RFC 8414 / RFC 7591). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** The provider and this client: what every call needs. */
export interface ProviderOptions extends HttpOptions {
  /**
   * The provider's issuer identifier (e.g. `https://accounts.google.com`). Alone, it
   * discovers the endpoints (OpenID Connect's metadata, then RFC 8414's). It is what
   * an answer's `iss` and an ID token's `iss` must equal: take it from your
   * configuration, never from what the browser sent.
   */
  issuer?: string | URL;
  /** The token endpoint, e.g. `https://connect.ulule.com/oauth2/token/`; set, it skips discovery. */
  tokenUrl?: string | URL;
  /** The revocation endpoint (RFC 7009), for {@link revokeToken}, when not discovered. */
  revocationUrl?: string | URL;
  /** The userinfo endpoint, for {@link fetchUserInfo}, when not discovered. */
  userInfoUrl?: string | URL;
  /** The provider's keys (JWKS), to check ID token signatures, when not discovered. */
  jwksUrl?: string | URL;
  clientId: string;
  /** Keep it on the server. Leave it out for a public client (which then needs PKCE). */
  clientSecret?: string;
  /**
   * Default `client_secret_basic` (HTTP Basic) when there is a secret, `none`
   * otherwise. `client_secret_post` sends the secret in the body, for providers
   * that ask for it.
   */
  clientAuth?: ClientAuthMethod;
}

/** @deprecated The old name of {@link ProviderOptions}; `tokenUrl` was required. */
export type TokenEndpointOptions = ProviderOptions;

/** What each oauth4webapi call of ours takes: the guarded fetch. */
export interface CallOptions {
  [oauth.customFetch]: (url: string, init: RequestInit) => Promise<Response>;
  [oauth.allowInsecureRequests]: boolean;
}

/** One call's view of the provider, as oauth4webapi wants it. */
export interface Resolved {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
  /** Whether `as.issuer` is real (configured) rather than a stand-in for an issuer-less provider. */
  knowsIssuer: boolean;
  /** The options oauth4webapi's calls take, with the guarded fetch for this call. */
  http: (what: string) => { options: CallOptions; record: CallRecord; what: string };
}

/** Discovered metadata, once per issuer and process; a failure is not remembered. */
const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

const discover = async (issuer: URL, options: HttpOptions): Promise<oauth.AuthorizationServer> => {
  const failures: string[] = [];
  // OpenID Connect Discovery first (appended to the issuer), then RFC 8414 §3.1 (inserted before the path).
  for (const algorithm of ['oidc', 'oauth2'] as const) {
    const record: CallRecord = { status: 0 };
    const what = 'metadata request';
    try {
      const response = await oauth.discoveryRequest(issuer, {
        algorithm,
        [oauth.customFetch]: guardedFetch(options, record, what),
        [oauth.allowInsecureRequests]: true,
      });
      if (response.status == 404) {
        failures.push(`${algorithm}: HTTP 404`);
        continue;
      }
      return await oauth.processDiscoveryResponse(issuer, response);
    } catch (error) {
      const failure = toTokenError(error, record, what);
      if (failure instanceof TokenError && failure.error == 'network_error') throw failure;
      if (error instanceof oauth.OperationProcessingError && error.code == oauth.JSON_ATTRIBUTE_COMPARISON)
        throw new TokenError(
          'invalid_response',
          `The metadata of ${redact(issuer)} names another issuer: it must equal the configured one exactly.`,
          { status: record.status, cause: error },
        );
      failures.push(`${algorithm}: ${failure.message}`);
    }
  }
  throw new TokenError(
    'invalid_response',
    `No metadata found for the issuer ${redact(issuer)} (${failures.join('; ')}).`,
    { status: 0 },
  );
};

const metadataFor = (issuer: URL, options: HttpOptions) => {
  let pending = discovered.get(issuer.href);
  if (!pending) {
    pending = discover(issuer, options);
    discovered.set(issuer.href, pending);
    pending.catch(() => discovered.delete(issuer.href));
  }
  return pending;
};

/** Forgets discovered metadata (all of it, or one issuer's), e.g. after a provider rotated its endpoints. */
export const clearDiscoveryCache = (issuer?: string | URL): void => {
  if (issuer === undefined) discovered.clear();
  else discovered.delete(new URL(issuer).href);
};

const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

const clientAuthentication = (options: ProviderOptions, name: string): oauth.ClientAuth => {
  const method = options.clientAuth ?? (options.clientSecret === undefined ? 'none' : 'client_secret_basic');
  if (method == 'none') return oauth.None();
  const { clientSecret } = options;
  if (!clientSecret)
    throw new TypeError(
      `oauth-connect/server: ${name}.clientAuth "${method}" needs a clientSecret: set ${name}.clientSecret, or clientAuth: 'none' for a public client.`,
    );
  if (method == 'client_secret_basic')
    // RFC 6749 §2.3.1 form-encodes id and secret before Basic; URLSearchParams's encoding leaves `-._*`
    // as they are, as servers that skip the decoding (many do) expect. oauth4webapi encodes those too.
    return (_as, _client, _body, headers) =>
      headers.set('authorization', `Basic ${btoa(`${formEncode(options.clientId)}:${formEncode(clientSecret)}`)}`);
  if (method == 'client_secret_post') return oauth.ClientSecretPost(clientSecret);
  throw new TypeError(
    `oauth-connect/server: ${name}.clientAuth "${String(method)}" is not one of client_secret_basic, client_secret_post, none.`,
  );
};

/** A provider's client, checked once: its metadata (discovered on first use) and how it authenticates. */
export interface ProviderClient {
  options: ProviderOptions;
  /** Whether `issuer` is configured (OpenID Connect, RFC 9207 `iss` checks) rather than stood in for. */
  knowsIssuer: boolean;
  resolve(): Promise<Resolved>;
}

/**
 * Checks the provider's options at once and builds its client; throws a
 * TypeError naming the option and the fix (`name` says where the options are,
 * e.g. `providers.ulule`). Discovery waits for the first call.
 */
export const providerClient = (options: ProviderOptions, name = 'options'): ProviderClient => {
  if (!options.clientId || typeof options.clientId != 'string')
    throw new TypeError(
      `oauth-connect/server: ${name} has no clientId: set ${name}.clientId to the client id the provider gave when you registered your site.`,
    );
  const auth = clientAuthentication(options, name);
  const issuer = options.issuer === undefined ? undefined : configuredUrl(options.issuer, `${name}.issuer`);
  const endpoint = (value: string | URL | undefined, option: string) =>
    value === undefined ? undefined : configuredUrl(value, `${name}.${option}`).href;
  const explicit = {
    token_endpoint: endpoint(options.tokenUrl, 'tokenUrl'),
    revocation_endpoint: endpoint(options.revocationUrl, 'revocationUrl'),
    userinfo_endpoint: endpoint(options.userInfoUrl, 'userInfoUrl'),
    jwks_uri: endpoint(options.jwksUrl, 'jwksUrl'),
  };
  if (!explicit.token_endpoint && !issuer)
    throw new TypeError(
      `oauth-connect/server: ${name} has neither issuer nor tokenUrl: set ${name}.issuer (its endpoints are then discovered) or ${name}.tokenUrl.`,
    );
  const http = (what: string) => {
    const record: CallRecord = { status: 0 };
    return {
      record,
      what,
      options: {
        [oauth.customFetch]: guardedFetch(options, record, what),
        // guardedFetch enforces https, allowing http on loopback only; oauth4webapi's switch is all or nothing.
        [oauth.allowInsecureRequests]: true,
      },
    };
  };
  const client = { client_id: options.clientId };
  const known = (as: oauth.AuthorizationServer): Resolved => ({ as, client, auth, knowsIssuer: !!issuer, http });
  const fixed =
    explicit.token_endpoint !== undefined
      ? // Without an issuer, the token URL stands in (oauth4webapi needs one); no `iss` is then compared.
        known({ issuer: issuer ? String(options.issuer) : explicit.token_endpoint, ...explicit })
      : undefined;
  return {
    options,
    knowsIssuer: !!issuer,
    resolve: async () => {
      if (fixed) return fixed;
      if (!issuer) throw new TypeError('oauth-connect/server: no issuer to discover.');
      const found = await metadataFor(issuer, options);
      // Explicit endpoints win over discovered ones (a provider that omits revocation from its metadata).
      // The same object otherwise: oauth4webapi caches the provider's keys per metadata object.
      const overrides = Object.entries(explicit).filter(([, value]) => value !== undefined);
      return known(overrides.length ? { ...found, ...Object.fromEntries(overrides) } : found);
    },
  };
};
