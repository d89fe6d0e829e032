/**
 * Provider profiles: `profile: 'ulule'` or `'ultracart'` fills in what a
 * partner would otherwise copy from the provider's documents (endpoints, how
 * the client authenticates, how tokens are revoked, the REST API's base URL
 * and headers, the user-info endpoint where there is one). Every field is an ordinary
 * provider option, and one given beside `profile` wins. The URLs come from
 * `src/protocol/providers.ts`, their one home, with their sources.
 */
import {
  ULTRACART_API_BASE_URL,
  ULTRACART_API_VERSION,
  ULTRACART_API_VERSION_HEADER,
  ULTRACART_AUTHORIZE_URL,
  ULTRACART_REVOKE_URL,
  ULTRACART_TOKEN_URL,
  ULULE_API_BASE_URL,
  ULULE_AUTHORIZE_URL,
  ULULE_TOKEN_URL,
} from '../protocol/providers.js';
import type { ClientAuthMethod } from './client.js';

/** The providers a profile exists for. */
export type ProviderProfileName = 'ulule' | 'ultracart';

/**
 * How a provider's tokens are ended: `rfc7009` (the default, where the provider has a revocation
 * endpoint), `none` (a logout forgets the session only), or `application` (UltraCart's own revoke,
 * which ends the application for the whole account: only through `deleteUserSessions` or a logout
 * that asks for it with `revoke: 'application'`).
 */
export type RevocationStyle = 'rfc7009' | 'none' | 'application';

/** The provider's REST API, for `fetchApi` and the proxy. */
export interface ProviderApiOptions {
  /** What relative paths are resolved against, e.g. `https://api.ulule.com/v1`. */
  baseUrl?: string | URL;
  /** Sent with every API call; merged with the profile's (yours win per header). */
  headers?: Record<string, string>;
  /** The hosts absolute URLs may name (default: the base URL's); replaces the profile's list. */
  hosts?: string[];
  /**
   * Turns on the page's proxy at `{basePath}/api/{provider}/{path}` for these calls only:
   * `'METHOD /path'`, where `*` matches one path segment (`'GET /users/*\/orders'`). Off when absent.
   */
  allow?: string[];
}

/** What a profile fills in: each one an ordinary provider option. */
export interface ProfileFields {
  authorizeUrl: string;
  tokenUrl: string;
  revocationUrl?: string;
  userInfoUrl?: string;
  clientAuth: ClientAuthMethod;
  revocation: RevocationStyle;
  api: { baseUrl: string; headers: Record<string, string>; hosts: string[] };
}

const hostOf = (url: string) => new URL(url).host;

export const PROVIDER_PROFILES: Record<ProviderProfileName, ProfileFields> = {
  // Ulule Connect: HTTP Basic at the token endpoint, no revocation endpoint documented (a logout
  // forgets the session only); the user is `GET /v1/me`, whose integer `id` becomes a string.
  ulule: {
    authorizeUrl: ULULE_AUTHORIZE_URL,
    tokenUrl: ULULE_TOKEN_URL,
    userInfoUrl: `${ULULE_API_BASE_URL}/me`,
    clientAuth: 'client_secret_basic',
    revocation: 'none',
    api: { baseUrl: ULULE_API_BASE_URL, headers: {}, hosts: [hostOf(ULULE_API_BASE_URL)] },
  },
  // UltraCart: how a client authenticates at the token endpoint is not documented; the secret in the
  // form (client_secret_post) is unverified, and `clientAuth` overrides it. No user-info endpoint:
  // the partner's onSignIn names the account (createAuthHandler says so at start-up).
  ultracart: {
    authorizeUrl: ULTRACART_AUTHORIZE_URL,
    tokenUrl: ULTRACART_TOKEN_URL,
    revocationUrl: ULTRACART_REVOKE_URL,
    clientAuth: 'client_secret_post',
    revocation: 'application',
    api: {
      baseUrl: ULTRACART_API_BASE_URL,
      headers: { [ULTRACART_API_VERSION_HEADER]: ULTRACART_API_VERSION },
      hosts: [hostOf(ULTRACART_API_BASE_URL)],
    },
  },
};

/** Header names are case-insensitive: a partner's `x-ultracart-api-version` replaces the profile's. */
const mergeHeaders = (base: Record<string, string>, own: Record<string, string> | undefined) => {
  const merged = new Headers(base);
  for (const [name, value] of Object.entries(own ?? {})) merged.set(name, value);
  return Object.fromEntries(merged);
};

/** The options a profile can fill in, as the partner may also give them. */
export interface ProfiledOptions {
  profile?: ProviderProfileName;
  authorizeUrl?: string | URL;
  tokenUrl?: string | URL;
  revocationUrl?: string | URL;
  userInfoUrl?: string | URL;
  clientAuth?: ClientAuthMethod;
  revocation?: RevocationStyle;
  api?: ProviderApiOptions;
}

/**
 * The options with the profile's fields under them: the partner's own win field by field,
 * `api.headers` merge (theirs win per header), `api.hosts` replaces the profile's list.
 */
export const withProfile = <T extends ProfiledOptions>(options: T, name: string): T & ProfiledOptions => {
  if (options.profile === undefined) return options;
  const profile = Object.hasOwn(PROVIDER_PROFILES, options.profile) ? PROVIDER_PROFILES[options.profile] : undefined;
  if (!profile)
    throw new TypeError(
      `oauth-connect/server: ${name}.profile ${JSON.stringify(options.profile)} is not one of ${Object.keys(PROVIDER_PROFILES).join(', ')}.`,
    );
  const own = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
  const { api: profileApi, ...fields } = profile;
  return {
    ...fields,
    ...own,
    api: {
      baseUrl: own.api?.baseUrl ?? profileApi.baseUrl,
      headers: mergeHeaders(profileApi.headers, own.api?.headers),
      hosts: own.api?.hosts ?? profileApi.hosts,
      ...(own.api?.allow && { allow: own.api.allow }),
    },
  };
};
