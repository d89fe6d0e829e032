import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep, type Context } from './context.js';
import { settingsOf } from './settings.js';
import { createGrants, type TokenSet } from './grants.js';
import { createHostCheck } from './hosts.js';
import { createIssuing, type IssueCodeOptions, type IssueTokenOptions } from './issue.js';
import { sendHtml, sendJson } from './http.js';
import { createKnobs, KNOB_PATH } from './knobs.js';
import { createKeys } from './keys.js';
import { createIssuers } from './issuers.js';
import { createMetadataEndpoints, oidcAnywhere, RFC8414_PATH } from './metadata.js';
import { indexPage } from './pages.js';
import { createRequestLog, maskHeaders, maskParams, type MockRequest } from './request-log.js';
import { endpointList, PROFILE_NAMES } from './profiles.js';
import { createRoutes } from './routes.js';
import { createAccounts } from './sessions.js';
import type { ForcedError, MockClient, MockProviderOptions, MockUser } from './types.js';

/** Which tokens `expireTokens` and `revokeTokens` act on: all, or one account's (by email) and/or one client's. */
export interface TokenKnobOptions {
  user?: string;
  clientId?: string;
}

/** Connect/Express/Vite middleware signature; `next` is called for paths the provider does not serve. */
export type MockProviderHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** A mock provider's state and its test knobs, independent of any server. */
export interface MockProvider {
  /** The request handler: pass it to `http.createServer` or mount it as middleware (under a prefix). */
  handle: MockProviderHandler;
  /** Forgets every user added since start, every session, code and token, and resets the knobs. */
  reset(): void;
  /** The next protocol request (of `endpoint`, when given) fails with this OAuth error. */
  failNextRequest(error: ForcedError): void;
  /** Waits this long before answering each protocol request (0 to 60,000 ms; else a RangeError). */
  setDelay(ms: number): void;
  /** See `MockProviderOptions.autoApprove`. */
  setAutoApprove(value: boolean | string): void;
  /** Moves the provider's clock forward, to expire codes and tokens without waiting (at most a year a call). */
  advanceClock(seconds: number): void;
  /** See `MockProviderOptions.issParameter`: `'send'`, `'omit'`, or a wrong issuer to send. */
  setIssParameter(value: 'send' | 'omit' | (string & {})): void;
  /** See `MockProviderOptions.userInfo`: `false` takes the user-info endpoints away until `reset()`. */
  setUserInfo(value: boolean): void;
  /**
   * Expires the access tokens now (with `refreshTokens`, the refresh tokens
   * too), of every grant or of one account (`user`: its email) or client: the
   * next API call answers 401 `invalid_token`, as after the token's lifetime.
   * Returns how many tokens it expired.
   */
  expireTokens(options?: TokenKnobOptions & { refreshTokens?: boolean }): number;
  /**
   * Revokes every grant holding a matching token, as a user disconnecting the
   * application at the provider: API calls answer 401 and refreshes
   * `invalid_grant`. Returns how many grants it revoked.
   */
  revokeTokens(options?: TokenKnobOptions): number;
  /** Registers a client (replacing one with the same id). */
  addClient(client: MockClient): void;
  /** Creates an account; returns it with its id. */
  addUser(user: MockUser): Required<MockUser>;
  /** A copy of the accounts. */
  users(): Array<Required<MockUser>>;
  /**
   * Every protocol request received since start or `reset()` (the last
   * `maxEntries`), oldest first: endpoint, parameters, client authentication;
   * secrets, codes and tokens masked. To assert what a client sent.
   */
  requests(): MockRequest[];
  /** The last authorization request, as `requests()` shows it. */
  lastAuthorization(): MockRequest | undefined;
  /**
   * An authorization code as the authorize endpoint would give it after the
   * user's Allow, to test a back end's code exchange without a browser. Throws
   * `Error('<oauth error>: <description>')` for a request the endpoint would refuse.
   */
  issueCode(options: IssueCodeOptions): string;
  /** A token response (access, refresh and, for `openid`, ID token) for a new grant, without a browser. */
  issueToken(options: IssueTokenOptions): Promise<TokenSet>;
}

/** CORS for the endpoints a browser app may call directly (a public client's token request, the user API). */
const cors = (req: IncomingMessage, res: ServerResponse): boolean => {
  if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method != 'OPTIONS') return false;
  res.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
};

/**
 * Creates a mock OAuth 2 provider: the behaviour of Ulule Connect and UltraCart
 * as their documents describe it (see the README's "Test your integration
 * without network"), held in memory. Serve it with `startMockProvider`, or mount
 * `handle` in an existing server.
 *
 * Each endpoint lives in the file of its name: `authorize.ts` (with the request
 * checks in `authorize-request.ts`), `token.ts`, `revocation.ts`, `resources.ts`
 * (`/v1/me`, `/oauth2/userinfo`), `metadata.ts` (discovery, JWKS) with the
 * signing keys in `keys.ts` and the issuers a request may be for in `issuers.ts`;
 * the state in `sessions.ts` (clients, accounts, sessions) and `grants.ts`
 * (codes, tokens); the test knobs in `knobs.ts`. `settings.ts` reads the
 * options; `context.ts` joins them with the stores for the endpoints.
 */
export const createMockProvider = (options: MockProviderOptions = {}): MockProvider => {
  const settings = settingsOf(options);
  const reset = () => {
    requests.reset();
    accounts.reset();
    grants.reset();
    knobs.reset();
  };
  const knobs = createKnobs(settings, {
    resetAll: reset,
    expireTokens: (match, refreshTokens) => grants.expire(match, refreshTokens),
    revokeTokens: (match) => grants.revokeMatching(match),
  });
  const now = () => Date.now() + knobs.clockOffsetMs;
  const accounts = createAccounts(settings, now);
  const grants = createGrants(settings, now);
  const hosts = createHostCheck(options);
  const issuers = createIssuers(options);
  const keys = createKeys();
  const requests = createRequestLog(settings.maxEntries);
  const context: Context = { ...settings, now, accounts, grants, knobs, hosts, issuers, keys, requests };
  reset();

  const routes = createRoutes(context);
  const wellKnown = createMetadataEndpoints(context);
  const { log, scopes } = context;
  // The keys are made at start when OpenID Connect is on (else at the first need).
  if (oidcAnywhere(context)) for (const path of ['', ...issuers.paths]) keys.prepare(path);

  const route = async (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const path = url.pathname;
    log(`${req.method} ${path}`);
    // RFC 8414 §3.1: an issuer's metadata is at /.well-known/oauth-authorization-server{issuer's path}.
    if (
      !context.profile &&
      path.startsWith(`${RFC8414_PATH}/`) &&
      issuers.paths.includes(path.slice(RFC8414_PATH.length))
    ) {
      if (cors(req, res)) return;
      return wellKnown.metadata(req, res, issuers.at(req, path.slice(RFC8414_PATH.length)));
    }
    const { issuerPath, rest } = issuers.split(path);
    const endpoint = routes.find(rest);
    if (endpoint) {
      if (endpoint.cors && cors(req, res)) return;
      if (endpoint.protocol) {
        context.requests.record(req, {
          endpoint: endpoint.protocol,
          method: req.method ?? 'GET',
          issuerPath,
          params: maskParams(url.searchParams),
          ...((endpoint.protocol == 'userinfo' || endpoint.protocol == 'api') && {
            path: rest,
            headers: maskHeaders(req.headers),
            ...(req.headers.authorization && { clientAuthentication: 'bearer' as const }),
          }),
        });
        if (knobs.delayMs) await sleep(knobs.delayMs);
      }
      await endpoint.run(req, res, issuers.at(req, issuerPath), url);
      return;
    }
    const knob = KNOB_PATH.exec(path);
    if (knob?.[1]) return knobs.handle(req, res, knob[1], (origin) => hosts.ownOrigin(req, origin));
    if (next) return next();
    if (path == '/' && req.method == 'GET')
      return sendHtml(
        res,
        200,
        indexPage({
          clients: [...accounts.clients.values()].map((c) => ({
            clientId: c.clientId,
            name: c.name,
            confidential: Boolean(c.clientSecret),
            redirectUris: c.redirectUris,
          })),
          scopes: Object.entries(scopes).map(([name, description]) => ({ name, description })),
          ...(context.profile && {
            playing: { name: PROFILE_NAMES[context.profile.name], endpoints: endpointList(context.profile) },
          }),
        }),
      );
    req.resume();
    sendJson(res, 404, { error: 'not_found', error_description: `Nothing at ${path}.${routes.hint(rest) ?? ''}` });
  };

  const handle: MockProviderHandler = (req, res, next) => {
    if (!hosts.allowed(req.headers.host)) {
      log(`refused Host ${req.headers.host}`);
      req.resume();
      const host = JSON.stringify(req.headers.host ?? '');
      return sendJson(res, 403, {
        error: 'invalid_request',
        error_description:
          `This mock provider does not answer to the host ${host}: only to localhost, IP addresses, ` +
          `its issuer's host and the allowedHosts option (oauth-connect-mock --allowed-host), ` +
          `so that a web page cannot reach it under a name of its own (DNS rebinding).`,
      });
    }
    route(req, res, next).catch((error: unknown) => {
      // A bug in the mock must not take the server down: answer 500 and keep serving.
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'Internal error.' });
      else res.destroy();
    });
  };

  return {
    handle,
    reset,
    failNextRequest: knobs.failNextRequest,
    setDelay: knobs.setDelay,
    setAutoApprove: (value) => {
      knobs.autoApprove = value;
    },
    advanceClock: knobs.advanceClock,
    setIssParameter: (value) => {
      knobs.issParameter = value;
    },
    setUserInfo: (value) => {
      knobs.userInfo = value;
    },
    expireTokens: ({ refreshTokens = false, ...match } = {}) => grants.expire(match, refreshTokens),
    revokeTokens: (match = {}) => grants.revokeMatching(match),
    addClient: accounts.addClient,
    addUser: (user) => ({ ...accounts.addUser(user) }),
    users: () => [...accounts.users.values()].map((user) => ({ ...user })),
    ...createIssuing(context),
    requests: requests.all,
    lastAuthorization: requests.lastAuthorization,
  };
};
