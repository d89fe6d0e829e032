/**
 * The handler's providers, each checked and built once when createAuthHandler
 * runs: a mistake in the options is a TypeError at start-up that names the
 * provider, the option and the fix, never a 500 to the first user. Discovery,
 * which needs the network, waits for the first sign-in; its failure is a 502.
 */
import { providerClient, type ProviderClient, type ProviderOptions, type Resolved } from './client.js';
import { AuthError, ERROR_CODES } from './errors.js';
import { configuredUrl } from './http.js';
import { apiOf, type ProviderApi } from './api-options.js';
import { withProfile, type ProfiledOptions, type ProviderProfileName, type RevocationStyle } from './profiles.js';

/** One provider the handler signs in with, under the id the element's `provider` attribute names. */
export interface AuthProvider extends ProviderOptions, ProfiledOptions {
  /**
   * Fills in the provider's endpoints, client authentication, revocation style, API and where the
   * account comes from; any of those given beside it wins.
   */
  profile?: ProviderProfileName;
  /** The redirect URI registered at the provider: the page that runs the callback script. */
  redirectUri: string;
  /** Default `openid email profile` with an issuer (OpenID Connect), the provider's default otherwise. */
  scope?: string;
  /** The authorization endpoint, when not discovered from `issuer`. */
  authorizeUrl?: string | URL;
  /**
   * More parameters for the authorize URL (`prompt`, `ui_locales`, a provider's
   * own). The protocol's own (`client_id`, `state`, PKCE, …) cannot be set here.
   */
  params?: Record<string, string>;
}

/** Parameters the handler decides itself: a provider's `params` may not set them. */
const RESERVED = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
]);

/** A provider as the handler uses it. */
export interface Provider {
  id: string;
  config: AuthProvider;
  client: ProviderClient;
  scope: string | undefined;
  /** How its tokens are ended (see {@link RevocationStyle}). */
  revocation: RevocationStyle;
  /** Its REST API, when it has one (a profile's, or `api.baseUrl`/`api.hosts`). */
  api: ProviderApi | undefined;
  /** The metadata and client; a discovery that fails is a 502 `server_error` (the cause goes to the log). */
  resolve(): Promise<Resolved>;
  /** The authorization endpoint, configured or discovered. */
  authorizeEndpoint(): Promise<string>;
}

const REVOCATION_STYLES: RevocationStyle[] = ['rfc7009', 'none', 'application'];

const build = (id: string, given: AuthProvider, hasOnSignIn: boolean): Provider => {
  const name = `providers.${/^[A-Za-z_$][\w$]*$/.test(id) ? id : JSON.stringify(id)}`;
  if (!given || typeof given != 'object')
    throw new TypeError(`oauth-connect/server: ${name} is not an object of provider options.`);
  const config = withProfile(given, name);
  const revocation = config.revocation ?? 'rfc7009';
  if (!REVOCATION_STYLES.includes(revocation))
    throw new TypeError(
      `oauth-connect/server: ${name}.revocation ${JSON.stringify(revocation)} is not one of ${REVOCATION_STYLES.join(', ')}.`,
    );
  if (revocation == 'application' && config.revocationUrl === undefined)
    throw new TypeError(
      `oauth-connect/server: ${name}.revocation "application" needs ${name}.revocationUrl, the provider's own revoke URL.`,
    );
  const client = providerClient(config, name);
  if (!config.redirectUri)
    throw new TypeError(
      `oauth-connect/server: ${name} has no redirectUri: set it to the callback page's URL, exactly as registered at the provider.`,
    );
  configuredUrl(config.redirectUri, `${name}.redirectUri`);
  if (config.authorizeUrl === undefined && config.issuer === undefined)
    throw new TypeError(
      `oauth-connect/server: ${name} has neither authorizeUrl nor issuer: set ${name}.authorizeUrl, or ${name}.issuer to discover it.`,
    );
  const authorizeUrl =
    config.authorizeUrl === undefined ? undefined : configuredUrl(config.authorizeUrl, `${name}.authorizeUrl`).href;
  for (const [param, value] of Object.entries(config.params ?? {}))
    if (RESERVED.has(param) || typeof value != 'string')
      throw new TypeError(
        `oauth-connect/server: ${name}.params.${param} ${typeof value != 'string' ? 'must be a string' : 'is set by the handler itself; remove it'}.`,
      );
  // Who signed in comes from an ID token (issuer), a user-info endpoint (set, or a profile's), or the
  // partner's onSignIn. With none of them every sign-in would fail after the user's consent: said now.
  if (config.issuer === undefined && config.userInfoUrl === undefined && !hasOnSignIn)
    throw new TypeError(
      `oauth-connect/server: ${name}${config.profile === undefined ? '' : ` (profile ${config.profile})`} has nothing that says who signed in (no issuer, no userInfoUrl), so every sign-in would fail after consent. Either set ${name}.userInfoUrl (or ${name}.issuer for OpenID Connect), or give createAuthHandler an onSignIn that returns the account (from the token response or an API call made with tokens.accessToken).`,
    );
  const resolve = async () => {
    try {
      return await client.resolve();
    } catch (cause) {
      throw new AuthError(ERROR_CODES.serverError, `The ${id} provider's metadata could not be loaded.`, {
        status: 502,
        cause,
      });
    }
  };
  return {
    id,
    config,
    client,
    revocation,
    api: apiOf(config.api, name),
    scope: config.scope ?? (config.issuer !== undefined ? 'openid email profile' : undefined),
    resolve,
    async authorizeEndpoint() {
      const endpoint = authorizeUrl ?? (await resolve()).as.authorization_endpoint;
      if (!endpoint)
        throw new AuthError(ERROR_CODES.serverError, `The ${id} provider's metadata names no authorization endpoint.`, {
          status: 502,
        });
      return endpoint;
    },
  };
};

/** Every provider, built once; throws a TypeError for the first wrong option. */
export const buildProviders = (providers: Record<string, AuthProvider> | undefined, hasOnSignIn = false) => {
  if (!providers || typeof providers != 'object' || !Object.keys(providers).length)
    throw new TypeError(
      'oauth-connect/server: createAuthHandler needs providers: { [id]: { clientId, redirectUri, issuer or authorizeUrl + tokenUrl, … } }.',
    );
  const built = new Map(Object.entries(providers).map(([id, config]) => [id, build(id, config, hasOnSignIn)]));
  /** The provider the browser named, or a 400. */
  return (id: unknown): Provider => {
    const provider = typeof id == 'string' ? built.get(id) : undefined;
    if (!provider)
      throw new AuthError(ERROR_CODES.invalidRequest, `Unknown provider ${JSON.stringify(id)}.`, { status: 400 });
    return provider;
  };
};

export type ProviderNamed = ReturnType<typeof buildProviders>;
