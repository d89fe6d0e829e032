import {
  endpointsOf,
  type ForcedError,
  type IssueCodeOptions,
  type IssueTokenOptions,
  type MockProfileName,
  type MockRequest,
  type MockUser,
  type RunningMockProvider,
  type TokenKnobOptions,
  type TokenSet,
} from '../mock-provider/index.js';
import { CONTROL_PREFIX } from './control.js';

/**
 * The mock provider as a test sees it: its URLs and every method, async, so
 * that the same calls work on a mock in this process and on the one the
 * Playwright runner started (over HTTP, see `control.ts`).
 */
export interface TestMockProvider {
  /** Its origin, e.g. `http://localhost:41234`. */
  url: string;
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
  revocationUrl: string;
  /** The provider's REST API, below `url` (see `RunningMockProvider.apiBaseUrl`). */
  apiBaseUrl: string;
  oidcUserInfoUrl: string;
  jwksUrl: string;
  /** Back to the start options: accounts, sessions, codes, tokens, the request log and the knobs. */
  reset(): Promise<void>;
  failNextRequest(error: ForcedError): Promise<void>;
  setDelay(ms: number): Promise<void>;
  setAutoApprove(value: boolean | string): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
  setIssParameter(value: 'send' | 'omit' | (string & {})): Promise<void>;
  setUserInfo(value: boolean): Promise<void>;
  /** Expires tokens early; resolves to how many (see the mock provider's `expireTokens`). */
  expireTokens(options?: TokenKnobOptions & { refreshTokens?: boolean }): Promise<number>;
  /** Revokes grants, as a user disconnecting the application; resolves to how many. */
  revokeTokens(options?: TokenKnobOptions): Promise<number>;
  addUser(user: MockUser): Promise<Required<MockUser>>;
  /** A code as the authorize endpoint gives it after Allow: to test a back end without a browser. */
  issueCode(options: IssueCodeOptions): Promise<string>;
  issueToken(options: IssueTokenOptions): Promise<TokenSet>;
  /** Every protocol request received since the last reset; secrets, codes and tokens masked. */
  requests(): Promise<MockRequest[]>;
  lastAuthorization(): Promise<MockRequest | undefined>;
}

/** The URLs of a mock provider at `url` (playing `profile`, if any), as `startMockProvider` names them. */
export const urlsOf = (url: string, issuer?: string, profile?: MockProfileName) => ({
  url,
  issuer: issuer?.replace(/\/+$/, '') ?? url,
  ...endpointsOf(url, profile),
  oidcUserInfoUrl: `${url}/oauth2/userinfo`,
  jwksUrl: `${url}/.well-known/jwks.json`,
});

/** A mock provider running in this process. */
export const localHandle = (provider: RunningMockProvider): TestMockProvider => ({
  ...urlsOf(provider.url, provider.issuer, provider.profile),
  reset: async () => provider.reset(),
  failNextRequest: async (error) => provider.failNextRequest(error),
  setDelay: async (ms) => provider.setDelay(ms),
  setAutoApprove: async (value) => provider.setAutoApprove(value),
  advanceClock: async (seconds) => provider.advanceClock(seconds),
  setIssParameter: async (value) => provider.setIssParameter(value),
  setUserInfo: async (value) => provider.setUserInfo(value),
  expireTokens: async (options) => provider.expireTokens(options),
  revokeTokens: async (options) => provider.revokeTokens(options),
  addUser: async (user) => provider.addUser(user),
  issueCode: async (options) => provider.issueCode(options),
  issueToken: (options) => provider.issueToken(options),
  requests: async () => provider.requests(),
  lastAuthorization: async () => provider.lastAuthorization(),
});

/**
 * A mock provider in another process, driven over HTTP: the knobs' endpoints,
 * and the control endpoints of `setUpMockProvider`'s mock. Errors carry the
 * provider's own description.
 */
export const remoteHandle = (url: string, issuer?: string, profile?: MockProfileName): TestMockProvider => {
  const origin = new URL(url).origin;
  const post = async <T = void>(path: string, body: object = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`oauth-connect/testing: the mock provider at ${origin} does not answer (${path}).`, {
        cause: error,
      });
    }
    const text = await response.text();
    let json: { error_description?: string } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // not JSON: reported below
    }
    if (response.status == 404 && path.startsWith(CONTROL_PREFIX))
      throw new Error(
        `oauth-connect/testing: the mock provider at ${origin} has no ${path}: only one started by ` +
          `setUpMockProvider (oauth-connect/testing) serves it; the knobs work on any.`,
      );
    if (!response.ok)
      throw new Error(json?.error_description ?? `${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return json as T;
  };
  return {
    ...urlsOf(origin, issuer, profile),
    reset: () => post('/reset'),
    failNextRequest: ({ error, errorDescription, endpoint }) =>
      post('/fail-next-request', { error, error_description: errorDescription, endpoint }),
    setDelay: (ms) => post('/delay', { ms }),
    setAutoApprove: (value) => post('/auto-approve', { value }),
    advanceClock: (seconds) => post('/advance-clock', { seconds }),
    setIssParameter: (value) => post('/iss-parameter', { value }),
    setUserInfo: (value) => post('/user-info', { value }),
    expireTokens: async ({ user, clientId, refreshTokens } = {}) =>
      (await post<{ count: number }>('/expire-tokens', { user, client_id: clientId, refresh_tokens: refreshTokens }))
        .count,
    revokeTokens: async ({ user, clientId } = {}) =>
      (await post<{ count: number }>('/revoke-tokens', { user, client_id: clientId })).count,
    addUser: (user) => post(`${CONTROL_PREFIX}add-user`, user),
    issueCode: async (options) => (await post<{ code: string }>(`${CONTROL_PREFIX}issue-code`, options)).code,
    issueToken: (options) => post(`${CONTROL_PREFIX}issue-token`, options),
    requests: () => post(`${CONTROL_PREFIX}requests`),
    lastAuthorization: async () => (await post<MockRequest | null>(`${CONTROL_PREFIX}last-authorization`)) ?? undefined,
  };
};
