/**
 * createAuthHandler: the server-bound sign-in (RFC 10017's backend for
 * frontend). The browser gets an authorize URL and, at the end, an account;
 * the PKCE verifier, the nonce and every token stay on the server, and the
 * pending flows are bound to the browser by an HttpOnly cookie. Everything
 * the options can get wrong is said here, at start-up.
 */
import * as oauth from 'oauth4webapi';
import { BFF_ROUTES, type CompleteAnswer, type SessionAnswer, type StartAnswer } from '../protocol/bff.js';
import { accessTokens, storedTokens, type AccessToken } from './access-token.js';
import { apiFetcher, type ApiResult } from './api.js';
import { apiProxy } from './api-proxy.js';
import { claimedAccount, publicAccount, requireAccount } from './account.js';
import { callbackPairs, uiLocalesOf } from './inputs.js';
import { AuthError, ERROR_CODES } from './errors.js';
import { buildProviders, type AuthProvider, type Provider } from './providers.js';
import {
  answer,
  asSeen,
  checkCanKeepCookies,
  checkPost,
  failure,
  fetchRequest,
  readJson,
  requestPath,
} from './requests.js';
import { FLOW_TTL_SECONDS, sessions as sessionsWith, type PendingFlow } from './session.js';
import { dropGrant, type SessionData } from './store.js';
import { exchangeWith, userInfoWith } from './tokens.js';
import { revokeGrant, userSessionsEnder } from './user-sessions.js';
import type { AuthHandler, AuthHandlerOptions, SignInInfo } from './handler-api.js';

export type { AccessToken, ApiResult, AuthProvider };
export type { AuthHandler, AuthHandlerOptions, SignInInfo };

/** Where the page's API proxy is mounted, below `basePath`: `{basePath}/api/{provider}/{path}`. */
const API_ROUTE = '/api/';

export const createAuthHandler = (options: AuthHandlerOptions): AuthHandler => {
  if (!options || typeof options != 'object')
    throw new TypeError('oauth-connect/server: createAuthHandler needs options: { providers, secret }.');
  const sessions = sessionsWith({
    secret: options.secret,
    store: options.store,
    ttl: options.sessionTtl ?? 7 * 24 * 3600,
  });
  const providerNamed = buildProviders(options.providers, typeof options.onSignIn == 'function');
  const base = (options.basePath ?? '/auth').replace(/\/+$/, '');
  const { store } = options;
  const maxBody = options.maxBodyBytes ?? 16_384;

  const accountsOf = (data: SessionData) =>
    Object.fromEntries(Object.entries(data.grants).map(([id, grant]) => [id, grant.account]));

  /** States spent in this process, when the store cannot mark them for every process. */
  const spent = new Map<string, number>();
  /** One `complete` per state: a second one (a replay, a double submit) must not spend the code again. */
  const spendState = async (state: string): Promise<boolean> => {
    const claimOnce = store?.claimOnce?.bind(store);
    if (claimOnce) return sessions.storeCall(() => claimOnce(`state:${state}`, FLOW_TTL_SECONDS));
    const now = Date.now();
    for (const [key, expires] of spent) if (expires <= now) spent.delete(key);
    if (spent.has(state)) return false;
    spent.set(state, now + FLOW_TTL_SECONDS * 1000);
    return true;
  };

  const start = async (request: Request) => {
    checkCanKeepCookies(request);
    const body = await readJson(request, maxBody);
    const provider = providerNamed(body.provider);
    const { config, scope } = provider;
    const endpoint = await provider.authorizeEndpoint();
    const flow: PendingFlow = {
      provider: provider.id,
      state: oauth.generateRandomState(),
      verifier: oauth.generateRandomCodeVerifier(),
      redirectUri: config.redirectUri,
      ...(scope?.split(' ').includes('openid') && { nonce: oauth.generateRandomNonce() }),
    };
    const uiLocales = config.params && 'ui_locales' in config.params ? undefined : uiLocalesOf(body.uiLocales);
    const url = new URL(endpoint);
    const params = {
      ...config.params,
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      response_type: 'code',
      ...(scope && { scope }),
      state: flow.state,
      code_challenge: await oauth.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      ...(flow.nonce && { nonce: flow.nonce }),
      ...(uiLocales && { ui_locales: uiLocales }),
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const cookie = await sessions.flowsCookie(request, [...(await sessions.readFlows(request)), flow]);
    const started: StartAnswer = { url: url.href, state: flow.state, redirectUri: config.redirectUri };
    return answer(200, started, [cookie]);
  };

  /** Who signed in: the ID token's claims, and userinfo when they lack a name (OpenID Connect Core §5.4). */
  const signIn = async (provider: Provider, flow: PendingFlow, callback: URLSearchParams) => {
    const tokens = await exchangeWith(provider.client, {
      callback,
      redirectUri: flow.redirectUri,
      codeVerifier: flow.verifier,
      ...(flow.nonce && { nonce: flow.nonce }),
    });
    const { as } = await provider.resolve();
    const needsProfile = !tokens.claims || typeof tokens.claims.name != 'string';
    const profile =
      needsProfile && as.userinfo_endpoint
        ? await userInfoWith(provider.client, {
            accessToken: tokens.accessToken,
            ...(tokens.claims && { expectedSubject: tokens.claims.sub }),
          })
        : undefined;
    const claims = tokens.claims ? { ...profile, ...tokens.claims } : profile;
    // onSignIn runs before the account is required: it is where a provider without user info gets one.
    const claimed = claimedAccount(claims);
    const account = options.onSignIn
      ? await options.onSignIn({ provider: provider.id, tokens, claims, account: claimed })
      : claimed;
    return { tokens, account: publicAccount(requireAccount(account, !!options.onSignIn)) };
  };

  const complete = async (request: Request) => {
    const body = await readJson(request, maxBody);
    const provider = providerNamed(body.provider);
    const params = callbackPairs(body.params);
    const states = params.getAll('state');
    const pending = await sessions.readFlows(request);
    const flow = states.length == 1 ? pending.find((item) => item.state === states[0]) : undefined;
    // No binding cookie (another browser, a replay), or not this provider's flow: refuse before the code is used.
    if (!flow || flow.provider != provider.id)
      throw new AuthError(ERROR_CODES.invalidRequest, 'No sign-in with this state is pending in this browser.', {
        status: 400,
      });
    const flowCookie = await sessions.flowsCookie(
      request,
      pending.filter((item) => item !== flow),
    );
    try {
      if (!(await spendState(flow.state)))
        throw new AuthError(ERROR_CODES.invalidRequest, 'This sign-in was already completed.', { status: 400 });
      const { as, client } = await provider.resolve();
      let callback: URLSearchParams;
      try {
        // oauth4webapi takes the answer apart: the state, RFC 9207's iss, the provider's error.
        // Without a configured issuer there is nothing to compare an `iss` with (the token URL stands in).
        if (!provider.client.knowsIssuer) params.delete('iss');
        callback = oauth.validateAuthResponse(as, client, params, flow.state);
      } catch (error) {
        if (error instanceof oauth.AuthorizationResponseError)
          throw new AuthError(error.error, error.error_description ?? 'The provider refused the sign-in.', {
            status: 400,
            cause: error,
          });
        throw new AuthError(ERROR_CODES.invalidResponse, callbackProblem(error, as.issuer), {
          status: 400,
          cause: error,
        });
      }
      if (!callback.get('code'))
        throw new AuthError(ERROR_CODES.invalidRequest, 'The authorization response has no code.', { status: 400 });
      const { tokens, account } = await signIn(provider, flow, callback);
      const loaded = await sessions.load(request);
      // A new session id at each sign-in; grants with other providers are kept.
      const saved = await sessions.commit(
        request,
        loaded,
        (data) => {
          data.grants[provider.id] = { account, tokens: storedTokens(tokens) };
        },
        { renew: true },
      );
      const done: CompleteAnswer = { account };
      return answer(200, done, [flowCookie, ...saved.setCookie]);
    } catch (error) {
      // The flow is spent either way: its cookie entry goes, whatever happened.
      const response = failure(error, BFF_ROUTES.complete, options.onError);
      response.headers.append('Set-Cookie', flowCookie);
      return response;
    }
  };

  const logout = async (request: Request) => {
    const body = await readJson(request, maxBody);
    const provider = providerNamed(body.provider);
    const session = await sessions.load(request);
    const grant = session.data.grants[provider.id];
    // `revoke: 'application'` ends the application for the whole account (UltraCart's "Disconnect
    // this store everywhere"); a plain logout never does.
    if (body.revoke !== undefined && (body.revoke !== 'application' || provider.revocation != 'application'))
      throw new AuthError(
        ERROR_CODES.invalidRequest,
        `revoke: ${JSON.stringify(body.revoke)} is not something ${provider.id} can do (only "application", for a provider whose revocation ends the application).`,
        { status: 400 },
      );
    if (grant) await revokeGrant(provider, grant.tokens, { application: body.revoke === 'application' });
    try {
      const saved = await sessions.commit(request, session, (data) => {
        dropGrant(data, provider.id);
      });
      const accounts: SessionAnswer = { accounts: accountsOf(saved.data) };
      return answer(200, accounts, saved.setCookie);
    } catch (error) {
      // Ended meanwhile: signed out all the same.
      if (error instanceof AuthError && error.error == ERROR_CODES.loginRequired)
        return answer(200, { accounts: {} } satisfies SessionAnswer, error.setCookie);
      throw error;
    }
  };

  const routes: Record<string, (request: Request) => Promise<Response>> = {
    [BFF_ROUTES.start]: start,
    [BFF_ROUTES.complete]: complete,
    [BFF_ROUTES.logout]: logout,
  };

  const tokenFor = accessTokens({ providerNamed, sessions, store });
  const fetchApi = apiFetcher({ providerNamed, tokenFor });
  const proxy = apiProxy({ providerNamed, fetchApi, maxBody });
  const trustProxy = options.trustProxy === true;

  const handler = (async (given: Request): Promise<Response> => {
    // A partner's mistake in wiring, said at once rather than answered as a 500.
    fetchRequest(given, 'the handler');
    let route = '(outside the handler)';
    try {
      const request = asSeen(given, trustProxy);
      // As sent, not as URL parsing resolved it: the API proxy refuses a `..` rather than follow it.
      const path = requestPath(request);
      if (path != base && !path.startsWith(`${base}/`))
        throw new AuthError(ERROR_CODES.notFound, `Nothing at ${path}.`, { status: 404 });
      route = path.slice(base.length);
      if (request.method == 'GET' && route == BFF_ROUTES.session)
        return answer(200, { accounts: accountsOf((await sessions.load(request)).data) } satisfies SessionAnswer);
      if (route.startsWith(API_ROUTE)) return await proxy(request, route.slice(API_ROUTE.length));
      const run = Object.hasOwn(routes, route) ? routes[route] : undefined;
      if (!run) throw new AuthError(ERROR_CODES.notFound, `Nothing at ${path}.`, { status: 404 });
      if (request.method != 'POST')
        throw new AuthError(ERROR_CODES.invalidRequest, `Use POST for ${path}.`, { status: 405 });
      checkPost(request, options.origins ?? []);
      return await run(request);
    } catch (error) {
      return failure(error, route, options.onError);
    }
  }) as AuthHandler;

  Object.defineProperties(handler, {
    basePath: { value: base, enumerable: true },
    trustProxy: { value: trustProxy, enumerable: true },
  });

  handler.getSession = async (request) => ({
    accounts: accountsOf((await sessions.load(asSeen(fetchRequest(request, 'getSession'), trustProxy))).data),
  });

  handler.getAccessToken = async (request, provider) =>
    tokenFor(asSeen(fetchRequest(request, 'getAccessToken'), trustProxy), provider);
  handler.fetchApi = async (request, provider, pathOrUrl, init) =>
    fetchApi(asSeen(fetchRequest(request, 'fetchApi'), trustProxy), provider, pathOrUrl, init);

  handler.deleteUserSessions = userSessionsEnder({ providerNamed, sessions, store, onError: options.onError });
  return handler;
};

/** What was wrong with the callback, in words (oauth4webapi's say which check failed). */
const callbackProblem = (error: unknown, issuer: string): string => {
  const message = error instanceof Error ? error.message : '';
  if (/"iss"/.test(message))
    return /missing/.test(message)
      ? `The authorization response has no iss, and ${issuer} says it always sends one (RFC 9207).`
      : `The authorization response came from another issuer (expected ${issuer}).`;
  if (/"state"/.test(message)) return 'The authorization response does not carry the state of this sign-in.';
  return `The authorization response cannot be used: ${message}`;
};
