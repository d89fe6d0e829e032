/**
 * createAuthHandler: the server-bound sign-in (RFC 10017's backend for
 * frontend). The browser gets an authorize URL and, at the end, an account;
 * the PKCE verifier, the nonce and every token stay on the server, and the
 * pending flows are bound to the browser by an HttpOnly cookie.
 */
import * as oauth from 'oauth4webapi';
import { accessTokens, storedTokens } from './access-token.js';
import { resolve, type ProviderOptions } from './client.js';
import { answer, AuthError, checkPost, failure, readJson } from './exchange.js';
import { cookieJar, deriveKeys, readCookies, seal, unseal, type Keys } from './session.js';
import { sessionIo } from './sessions.js';
import type { Account, SessionData, SessionStore } from './store.js';
import { canRevoke, exchangeCode, fetchUserInfo, revokeToken, type IdTokenClaims, type TokenSet } from './tokens.js';

/** One provider the handler signs in with, under the id the element's `provider` attribute names. */
export interface AuthProvider extends ProviderOptions {
  /** The redirect URI registered at the provider: the page that runs the callback script. */
  redirectUri: string;
  /** Default `openid email profile` with an issuer (OpenID Connect), the provider's default otherwise. */
  scope?: string;
  /** The authorization endpoint, when not discovered from `issuer`. */
  authorizeUrl?: string | URL;
}

export interface SignInInfo {
  provider: string;
  tokens: TokenSet;
  /** The validated ID token's claims (OpenID Connect), else the userinfo answer, when there is one. */
  claims: IdTokenClaims | Record<string, unknown> | undefined;
  /** What the handler would store: `sub` (or `id`) and `name` / `email` / `picture`. */
  account: Account;
}

export interface AuthHandlerOptions {
  providers: Record<string, AuthProvider>;
  /** At least 32 characters; a list rotates keys: the first seals, all open. */
  secret: string | string[];
  /** Where the handler is mounted. Default `/auth`. */
  basePath?: string;
  /** Keep sessions on the server (the cookie then holds only a random id). Default: in the sealed cookie. */
  store?: SessionStore;
  /** Session lifetime in seconds. Default 7 days. */
  sessionTtl?: number;
  /** Other origins allowed to POST (a front end on another origin of your site). Default: the request's own. */
  origins?: string[];
  /** Where you link or create your own user; what it returns becomes the session's account. */
  onSignIn?: (info: SignInInfo) => Account | Promise<Account>;
  /** Told of every 5xx (a failing provider or store), for your log. */
  onError?: (error: unknown) => void;
  /** Largest request body, in bytes. Default 16 KiB. */
  maxBodyBytes?: number;
}

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt?: number;
  /** Set-Cookie headers your response must carry (a refresh changed the sealed session); often empty. */
  setCookie: string[];
}

export interface AuthHandler {
  (request: Request): Promise<Response>;
  /** This browser's accounts, by provider (empty when signed out). */
  getSession(request: Request): Promise<{ accounts: Record<string, Account> }>;
  /** A valid access token for `provider`, refreshed (with rotation) when it expired. Throws AuthError. */
  getAccessToken(request: Request, provider: string): Promise<AccessToken>;
}

interface PendingFlow {
  provider: string;
  state: string;
  verifier: string;
  nonce?: string;
  redirectUri: string;
}

const FLOW_TTL = 600;
/** Pending flows kept per browser (several buttons, several tabs); the oldest goes first. */
const MAX_FLOWS = 6;

export const createAuthHandler = (options: AuthHandlerOptions): AuthHandler => {
  const keys: Keys = deriveKeys(options.secret);
  const base = (options.basePath ?? '/auth').replace(/\/+$/, '');
  const ttl = options.sessionTtl ?? 7 * 24 * 3600;
  const { store } = options;

  const providerNamed = (id: unknown): [string, AuthProvider] => {
    const config = typeof id == 'string' && Object.hasOwn(options.providers, id) ? options.providers[id] : undefined;
    if (!config) throw new AuthError('invalid_request', `Unknown provider ${JSON.stringify(id)}.`, 400);
    return [id as string, config];
  };

  const { storeCall, loadSession, saveSession } = sessionIo({ keys, store, ttl });

  const accountsOf = (data: SessionData) =>
    Object.fromEntries(Object.entries(data.grants).map(([id, grant]) => [id, grant.account]));

  const start = async (request: Request) => {
    const body = await readJson(request, options.maxBodyBytes ?? 16_384);
    const [providerId, config] = providerNamed(body.provider);
    const { as } = await resolve(config);
    const endpoint = config.authorizeUrl ?? as.authorization_endpoint;
    if (!endpoint) throw new TypeError(`oauth-connect/server: provider ${providerId} has no authorizeUrl.`);
    const scope = config.scope ?? (config.issuer ? 'openid email profile' : undefined);
    const flow: PendingFlow = {
      provider: providerId,
      state: oauth.generateRandomState(),
      verifier: oauth.generateRandomCodeVerifier(),
      redirectUri: config.redirectUri,
      ...(scope?.split(' ').includes('openid') && { nonce: oauth.generateRandomNonce() }),
    };
    const url = new URL(endpoint);
    const params = {
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      response_type: 'code',
      ...(scope && { scope }),
      state: flow.state,
      code_challenge: await oauth.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      ...(flow.nonce && { nonce: flow.nonce }),
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const jar = cookieJar(request, 'oauth-connect');
    const pending = ((await unseal(keys, 'flows', readCookies(request).get(jar.name('-flow')))) as PendingFlow[]) ?? [];
    const flows = [...pending, flow].slice(-MAX_FLOWS);
    const cookie = jar.set('-flow', await seal(keys, 'flows', flows, FLOW_TTL), FLOW_TTL);
    return answer(200, { url: url.href, state: flow.state, redirectUri: config.redirectUri }, [cookie]);
  };

  const accountFrom = (claims: Record<string, unknown> | undefined): Account => {
    const text = (name: string) =>
      typeof claims?.[name] == 'string' && claims[name] ? (claims[name] as string) : undefined;
    const id = text('sub') ?? (typeof claims?.id == 'number' ? String(claims.id) : text('id'));
    if (!id) throw new AuthError('invalid_response', 'The provider did not say who signed in (no sub or id).', 502);
    return {
      id,
      name: text('name') ?? text('preferred_username') ?? text('email') ?? id,
      ...(text('email') && { email: text('email') }),
      ...(text('picture') && { picture: text('picture') }),
    };
  };

  const complete = async (request: Request) => {
    const body = await readJson(request, options.maxBodyBytes ?? 16_384);
    const [providerId, config] = providerNamed(body.provider);
    const params = body.params as Record<string, unknown> | undefined;
    const param = (name: string) => (typeof params?.[name] == 'string' ? (params[name] as string) : undefined);
    const jar = cookieJar(request, 'oauth-connect');
    const pending = ((await unseal(keys, 'flows', readCookies(request).get(jar.name('-flow')))) as PendingFlow[]) ?? [];
    const flow = pending.find((item) => item.state === param('state') && item.provider == providerId);
    // No binding cookie (another browser, a replay), or not this provider's flow: refuse before the code is used.
    if (!flow) throw new AuthError('invalid_request', 'No sign-in with this state is pending in this browser.', 400);
    const rest = pending.filter((item) => item !== flow);
    const flowCookie = rest.length
      ? jar.set('-flow', await seal(keys, 'flows', rest, FLOW_TTL), FLOW_TTL)
      : jar.clear('-flow');
    try {
      const error = param('error');
      if (error) throw new AuthError(error, param('error_description') ?? 'The provider refused the sign-in.', 400);
      const tokens = await exchangeCode({
        ...config,
        code: param('code') ?? '',
        redirectUri: flow.redirectUri,
        codeVerifier: flow.verifier,
        ...(flow.nonce && { nonce: flow.nonce }),
        ...(param('iss') !== undefined && { iss: param('iss') }),
      });
      const { as } = await resolve(config);
      // An ID token often carries only `sub` (OpenID Connect Core §5.4): userinfo has the name and email.
      const needsProfile = !tokens.claims || typeof tokens.claims.name != 'string';
      const profile =
        needsProfile && as.userinfo_endpoint
          ? await fetchUserInfo({
              ...config,
              accessToken: tokens.accessToken,
              ...(tokens.claims && { expectedSubject: tokens.claims.sub }),
            })
          : undefined;
      const claims = tokens.claims ? { ...profile, ...tokens.claims } : profile;
      let account = accountFrom(claims);
      if (options.onSignIn) account = await options.onSignIn({ provider: providerId, tokens, claims, account });
      const session = await loadSession(request);
      session.data.grants[providerId] = { account, tokens: storedTokens(tokens) };
      return answer(200, { account }, [flowCookie, ...(await saveSession(request, session))]);
    } catch (error) {
      // The flow is spent either way: its cookie entry goes, whatever happened.
      const response = failure(error, options.onError);
      response.headers.append('Set-Cookie', flowCookie);
      return response;
    }
  };

  const logout = async (request: Request) => {
    const body = await readJson(request, options.maxBodyBytes ?? 16_384);
    const [providerId, config] = providerNamed(body.provider);
    const session = await loadSession(request);
    const grant = session.data.grants[providerId];
    if (grant && (await canRevoke(config))) {
      // RFC 7009 §2.1: revoking the refresh token ends the grant; the access token may outlive it, so it goes too.
      if (grant.tokens.refreshToken)
        await revokeToken({ ...config, token: grant.tokens.refreshToken, tokenTypeHint: 'refresh_token' });
      await revokeToken({ ...config, token: grant.tokens.accessToken, tokenTypeHint: 'access_token' });
    }
    session.data.grants = Object.fromEntries(Object.entries(session.data.grants).filter(([id]) => id != providerId));
    return answer(200, { accounts: accountsOf(session.data) }, await saveSession(request, session));
  };

  const handler = (async (request: Request): Promise<Response> => {
    try {
      const path = new URL(request.url).pathname;
      if (path != base && !path.startsWith(`${base}/`)) throw new AuthError('not_found', `Nothing at ${path}.`, 404);
      const route = path.slice(base.length);
      if (request.method == 'GET' && route == '/session')
        return answer(200, { accounts: accountsOf((await loadSession(request)).data) });
      const routes: Record<string, (request: Request) => Promise<Response>> = {
        '/start': start,
        '/complete': complete,
        '/logout': logout,
      };
      const run = Object.hasOwn(routes, route) ? routes[route] : undefined;
      if (!run) throw new AuthError('not_found', `Nothing at ${path}.`, 404);
      if (request.method != 'POST') throw new AuthError('invalid_request', `Use POST for ${path}.`, 405);
      checkPost(request, options.origins ?? []);
      return await run(request);
    } catch (error) {
      return failure(error, options.onError);
    }
  }) as AuthHandler;

  handler.getSession = async (request) => ({ accounts: accountsOf((await loadSession(request)).data) });

  handler.getAccessToken = accessTokens({ providerNamed, loadSession, saveSession, storeCall, store });
  return handler;
};
