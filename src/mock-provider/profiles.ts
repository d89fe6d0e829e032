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
import type { ClientAuthentication } from './request-log.js';

/** The providers the mock can play (`MockProviderOptions.profile`). */
export type MockProfileName = 'ulule' | 'ultracart';
/** How their names are written. */
export const PROFILE_NAMES: Record<MockProfileName, string> = { ulule: 'Ulule', ultracart: 'UltraCart' };

/**
 * How the mock behaves as one provider: the paths of that provider's own URLs
 * (`src/protocol/providers.ts`, on the mock's origin), how clients authenticate,
 * how tokens are revoked, and its API. Without a profile the mock keeps its own
 * generic shape (`/oauth2/…`, every client authentication, RFC 7009, discovery).
 */
export interface MockProfile {
  name: MockProfileName;
  /** Authorization endpoint paths; the first is the one the provider documents. */
  authorizePaths: string[];
  tokenPath: string;
  /** How a client with a secret must authenticate at the token endpoint (a public client sends none). */
  clientAuthentication: Exclude<ClientAuthentication, 'none' | 'bearer'>;
  /** `none`: no revocation endpoint; `application`: UltraCart's own revoke, which ends the application for the account. */
  revocation: { style: 'none' } | { style: 'application'; path: string };
  /** The user API's path (`/v1/me`), if the provider has one. */
  userInfoPath: string | undefined;
  /** The base of the provider's REST API, a path on the mock's origin. */
  apiBasePath: string;
  /** A header every API call must carry (the mock's own strictness), with the value it must have. */
  requiredApiHeader?: { name: string; value: string };
  /** Default access-token lifetime in seconds. */
  tokenTtlSeconds: number;
}

const path = (url: string) => new URL(url).pathname;

export const PROFILES: Record<MockProfileName, MockProfile> = {
  // Ulule Connect's documentation: Basic client credentials; its tokens last 36000 s;
  // no revocation endpoint is documented. The API is api.ulule.com's, here on the same origin.
  ulule: {
    name: 'ulule',
    authorizePaths: [path(ULULE_AUTHORIZE_URL)],
    tokenPath: path(ULULE_TOKEN_URL),
    clientAuthentication: 'client_secret_basic',
    revocation: { style: 'none' },
    userInfoPath: `${path(ULULE_API_BASE_URL)}/me`,
    apiBasePath: path(ULULE_API_BASE_URL),
    tokenTtlSeconds: 36000,
  },
  // UltraCart's OAuth guide and SDK docs: client_secret in the form (how UltraCart
  // authenticates clients is undocumented: the mock takes the form only, so a test
  // shows what the client sent); its own revoke; no user-info endpoint.
  ultracart: {
    name: 'ultracart',
    // The guide's authorize URL, and the one UltraCart's public integrations use.
    authorizePaths: [path(ULTRACART_AUTHORIZE_URL), `${path(ULTRACART_API_BASE_URL)}/oauth/authorize`],
    tokenPath: path(ULTRACART_TOKEN_URL),
    clientAuthentication: 'client_secret_post',
    revocation: { style: 'application', path: path(ULTRACART_REVOKE_URL) },
    userInfoPath: undefined,
    apiBasePath: path(ULTRACART_API_BASE_URL),
    requiredApiHeader: { name: ULTRACART_API_VERSION_HEADER, value: ULTRACART_API_VERSION },
    tokenTtlSeconds: 3600,
  },
};

export const profileOf = (name: MockProfileName | undefined): MockProfile | undefined => {
  if (name === undefined) return undefined;
  const profile = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
  if (!profile) throw new TypeError(`profile must be "ulule" or "ultracart", not ${JSON.stringify(name)}.`);
  return profile;
};

/** The URLs of a mock at `url`, as a partner configures them: the generic ones, or the profile's. */
export const endpointsOf = (url: string, name?: MockProfileName) => {
  const profile = profileOf(name);
  if (!profile)
    return {
      authorizeUrl: `${url}/oauth2/authorize/`,
      tokenUrl: `${url}/oauth2/token/`,
      userInfoUrl: `${url}/v1/me`,
      revocationUrl: `${url}/oauth2/revoke/`,
      apiBaseUrl: `${url}/v1`,
    };
  return {
    authorizeUrl: `${url}${profile.authorizePaths[0]}`,
    tokenUrl: `${url}${profile.tokenPath}`,
    // A provider without one answers 404 there (UltraCart publishes no user-info endpoint).
    userInfoUrl: `${url}${profile.userInfoPath ?? `${profile.apiBasePath}/me`}`,
    revocationUrl: `${url}${profile.revocation.style == 'application' ? profile.revocation.path : '/oauth2/revoke/'}`,
    apiBaseUrl: `${url}${profile.apiBasePath}`,
  };
};

/** A profile's endpoints for the mock's index page: label, then method and path without the leading slash. */
export const endpointList = (profile: MockProfile): Array<[string, string]> => [
  ['Authorize', `GET ${profile.authorizePaths.map((path) => path.slice(1)).join(', ')}`],
  ['Token', `POST ${profile.tokenPath.slice(1)}`],
  ['Revoke', profile.revocation.style == 'application' ? `POST ${profile.revocation.path.slice(1)}` : 'none'],
  ['User', profile.userInfoPath ? `GET ${profile.userInfoPath.slice(1)}` : 'none'],
  [
    'API',
    `${profile.apiBasePath.slice(1)}/…${profile.requiredApiHeader ? ` (with ${profile.requiredApiHeader.name})` : ''}`,
  ],
];
