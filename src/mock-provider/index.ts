/**
 * oauth-connect/mock-provider: a local OAuth 2 provider that behaves like
 * Ulule Connect and UltraCart, to test an integration end to end without network.
 */
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { endpointsOf, type MockProfileName } from './profiles.js';
import { createMockProvider, type MockProvider } from './provider.js';
import type { MockProviderOptions } from './types.js';

export { createMockProvider, type MockProvider, type MockProviderHandler, type TokenKnobOptions } from './provider.js';
export { endpointsOf, type MockProfileName } from './profiles.js';
export type { ForcedError, MockClient, MockEndpoint, MockProviderOptions, MockUser } from './types.js';
export type { MockRequest } from './request-log.js';
export type { IssueCodeOptions, IssueTokenOptions } from './issue.js';
export type { TokenSet } from './grants.js';
export { DEFAULT_SCOPE, DEFAULT_SCOPES, DEMO_CLIENT, DEMO_PUBLIC_CLIENT, DEMO_USER } from './defaults.js';

export interface StartMockProviderOptions extends MockProviderOptions {
  /** Default 0: any free port (read it from `url` or `port`). */
  port?: number;
  /** Interface to listen on. Default `localhost`. */
  host?: string;
}

/** A mock provider listening on its own origin. */
export interface RunningMockProvider extends MockProvider {
  /** Its origin, e.g. `http://localhost:5174`; the endpoints are below it. */
  url: string;
  port: number;
  /** The provider it plays (`profile`), if any: the URLs below are that provider's paths on `url`. */
  profile: MockProfileName | undefined;
  authorizeUrl: string;
  tokenUrl: string;
  /** `/v1/me`; it answers 404 without user info (`userInfo: false`, and as UltraCart). */
  userInfoUrl: string;
  /** The main issuer's identifier: the `issuer` option, else `url`. */
  issuer: string;
  /** RFC 7009's endpoint, or UltraCart's own revoke as UltraCart; none as Ulule (404). */
  revocationUrl: string;
  /** The base of the provider's REST API (`{url}/v1` as Ulule, `{url}/rest/v2` as UltraCart). */
  apiBaseUrl: string;
  /** OpenID Connect's userinfo endpoint (with the `oidc` option or an OIDC client). */
  oidcUserInfoUrl: string;
  jwksUrl: string;
  server: Server;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts a mock provider on `host:port`. */
export const startMockProvider = async (options: StartMockProviderOptions = {}): Promise<RunningMockProvider> => {
  const { port = 0, host = 'localhost', ...providerOptions } = options;
  // A host name given to listen on is one the provider is reached under.
  const named = !isIP(host.replace(/^\[(.*)\]$/, '$1')) && host != 'localhost';
  const provider = createMockProvider(
    named ? { ...providerOptions, allowedHosts: [...(providerOptions.allowedHosts ?? []), host] } : providerOptions,
  );
  const server = createServer((req, res) => provider.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  // A wildcard address is not something a browser can open; localhost reaches it.
  const urlHost = host == '0.0.0.0' || host == '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}`;
  const issuer = providerOptions.issuer?.replace(/\/+$/, '') ?? url;
  return {
    ...provider,
    // Without a request to learn it from, the provider takes its issuer from here.
    issueCode: (request) => provider.issueCode({ issuer, ...request }),
    issueToken: (request) => provider.issueToken({ issuer, ...request }),
    url,
    port: actualPort,
    profile: providerOptions.profile,
    ...endpointsOf(url, providerOptions.profile),
    issuer,
    oidcUserInfoUrl: `${url}/oauth2/userinfo`,
    jwksUrl: `${url}/.well-known/jwks.json`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
