import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_SCOPE, DEFAULT_SCOPES, DEMO_CLIENT, DEMO_PUBLIC_CLIENT, DEMO_USER } from './defaults.js';
import {
  parseBasicAuth,
  parseCookies,
  parseForm,
  readBody,
  redirect,
  sendHtml,
  sendJson,
  toParams,
  type Params,
} from './http.js';
import { consentPage, errorPage, indexPage, signInPage, signUpPage } from './pages.js';
import type { ForcedError, MockClient, MockEndpoint, MockProviderOptions, MockUser } from './types.js';

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
  /** Waits this long before answering each protocol request. */
  setDelay(ms: number): void;
  /** See `MockProviderOptions.autoApprove`. */
  setAutoApprove(value: boolean | string): void;
  /** Moves the provider's clock forward, to expire codes and tokens without waiting. */
  advanceClock(seconds: number): void;
  /** Registers a client (replacing one with the same id). */
  addClient(client: MockClient): void;
  /** Creates an account; returns it with its id. */
  addUser(user: MockUser): Required<MockUser>;
  /** A copy of the accounts. */
  users(): Array<Required<MockUser>>;
}

interface Session {
  email: string;
  /** Ties the consent form to this session (the consent page's CSRF defence, RFC 6749 §10.12). */
  csrf: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  email: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  expiresAt: number;
  used: boolean;
  grantId: string;
}

interface IssuedToken {
  clientId: string;
  email: string;
  scope: string;
  expiresAt: number;
  /** Every token from one authorization shares it, so they can be revoked together. */
  grantId: string | undefined;
}

interface IssuedRefreshToken extends IssuedToken {
  grantId: string;
  /** Rotated away (RFC 9700 §4.14.2). */
  used: boolean;
}

/** A validated authorization request (RFC 6749 §4.1.1 / §4.2.1, RFC 7636 §4.3). */
interface AuthorizationRequest {
  client: MockClient;
  redirectUri: string;
  responseType: 'code' | 'token';
  state: string | undefined;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  prompt: string | undefined;
}

/** Why an authorization request failed, and whether it is safe to tell the client by redirect. */
type AuthorizationFailure =
  | { redirect: false; error: string; description: string }
  | { redirect: true; error: string; description: string; target: RedirectTarget };

interface RedirectTarget {
  redirectUri: string;
  responseType: 'code' | 'token';
  state: string | undefined;
}

const SESSION_COOKIE = 'oauth_mock_session';
const PKCE_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/; // RFC 7636 §4.1
const EMAIL_SYNTAX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const random = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest();
/** Compares secrets in constant time, whatever their lengths. */
const safeEqual = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Status codes for token endpoint errors (RFC 6749 §5.2: 400 unless the client failed to authenticate). */
const tokenErrorStatus = (error: string): number =>
  error == 'invalid_client' ? 401 : error == 'server_error' ? 500 : error == 'temporarily_unavailable' ? 503 : 400;

/** Status codes for protected resource errors (RFC 6750 §3.1). */
const resourceErrorStatus = (error: string): number =>
  error == 'invalid_request'
    ? 400
    : error == 'insufficient_scope'
      ? 403
      : error == 'server_error'
        ? 500
        : error == 'temporarily_unavailable'
          ? 503
          : 401;

/**
 * Creates a mock OAuth 2 provider: the behaviour of Ulule Connect and UltraCart
 * as their documents describe it (see the README's "Test your integration
 * without network"), held in memory. Serve it with `startMockProvider`, or mount
 * `handle` in an existing server.
 */
export const createMockProvider = (options: MockProviderOptions = {}): MockProvider => {
  const initialClients = options.clients ?? [DEMO_CLIENT, DEMO_PUBLIC_CLIENT];
  const initialUsers = options.users ?? [DEMO_USER];
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const defaultScope = options.defaultScope ?? (options.scopes ? (Object.keys(scopes)[0] ?? '') : DEFAULT_SCOPE);
  const codeTtl = options.codeTtlSeconds ?? 600;
  const tokenTtl = options.tokenTtlSeconds ?? 3600;
  const refreshTtl = options.refreshTokenTtlSeconds ?? 30 * 24 * 3600;
  const maxBody = options.maxBodyBytes ?? 16 * 1024;
  const showCredentials = options.showTestCredentials ?? true;
  const log = options.log ?? (() => {});

  const clients = new Map<string, MockClient>();
  const users = new Map<string, Required<MockUser>>();
  const sessions = new Map<string, Session>();
  const codes = new Map<string, AuthorizationCode>();
  const accessTokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, IssuedRefreshToken>();
  const revokedGrants = new Set<string>();
  let delayMs = 0;
  let autoApprove: boolean | string = false;
  let forced: ForcedError | undefined;
  let clockOffsetMs = 0;
  let nextUserId = 1;

  const now = () => Date.now() + clockOffsetMs;

  const addClient = (client: MockClient) => {
    clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  };
  const addUser = (user: MockUser): Required<MockUser> => {
    const stored = { ...user, id: user.id ?? `user-${nextUserId}` };
    nextUserId++;
    users.set(user.email.toLowerCase(), stored);
    return stored;
  };
  const reset = () => {
    clients.clear();
    users.clear();
    sessions.clear();
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
    revokedGrants.clear();
    nextUserId = 1;
    initialClients.forEach(addClient);
    initialUsers.forEach(addUser);
    delayMs = options.delayMs ?? 0;
    autoApprove = options.autoApprove ?? false;
    forced = undefined;
    clockOffsetMs = 0;
  };
  reset();

  /** Takes the forced error if it targets this endpoint. */
  const takeForced = (endpoint: MockEndpoint): ForcedError | undefined => {
    if (!forced || (forced.endpoint && forced.endpoint != endpoint)) return undefined;
    const taken = forced;
    forced = undefined;
    log(`forced error on ${endpoint}: ${taken.error}`);
    return taken;
  };

  // ---------------------------------------------------------------- authorize

  /**
   * Validates an authorization request. The client and redirect URI are checked
   * first: until both are known to be good, errors are shown, never redirected,
   * so the endpoint cannot be used as an open redirector (RFC 6749 §4.1.2.1, §10.15).
   */
  const validateAuthorization = (params: Params): AuthorizationRequest | AuthorizationFailure => {
    const fail = (error: string, description: string) => ({ redirect: false as const, error, description });
    for (const name of ['client_id', 'redirect_uri']) {
      if (params.duplicate == name) return fail('invalid_request', `The parameter ${name} appears more than once.`);
    }
    const clientId = params.get('client_id');
    if (!clientId) return fail('invalid_request', 'The request has no client_id.');
    const client = clients.get(clientId);
    if (!client) return fail('invalid_client', `No application is registered with the client ID "${clientId}".`);
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return fail('invalid_request', 'The request has no redirect_uri.');
    // Exact string comparison: no prefix, wildcard or normalisation (RFC 9700 §4.1.3).
    if (!client.redirectUris.includes(redirectUri))
      return fail('invalid_request', `The redirect URI ${redirectUri} is not registered for ${client.name}.`);

    const rawResponseType = params.get('response_type');
    const responseType = rawResponseType == 'code' || rawResponseType == 'token' ? rawResponseType : 'code';
    const target: RedirectTarget = { redirectUri, responseType, state: params.get('state') };
    const bounce = (error: string, description: string) => ({ redirect: true as const, error, description, target });
    if (params.duplicate) return bounce('invalid_request', `The parameter ${params.duplicate} appears more than once.`);
    if (!rawResponseType) return bounce('invalid_request', 'The request has no response_type.');
    if (rawResponseType != 'code' && rawResponseType != 'token')
      return bounce('unsupported_response_type', `response_type must be "code" or "token", not "${rawResponseType}".`);

    const requested = (params.get('scope') ?? defaultScope).split(' ').filter(Boolean);
    const unknown = requested.filter((name) => !Object.hasOwn(scopes, name));
    if (unknown.length) return bounce('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
    const scope = [...new Set(requested)].join(' ') || defaultScope;

    let codeChallenge: string | undefined;
    let codeChallengeMethod: 'S256' | 'plain' | undefined;
    if (responseType == 'code') {
      codeChallenge = params.get('code_challenge');
      const method = params.get('code_challenge_method');
      if (method && !codeChallenge) return bounce('invalid_request', 'code_challenge_method without code_challenge.');
      if (codeChallenge) {
        // RFC 7636 §4.3: the method defaults to plain.
        if (method && method != 'S256' && method != 'plain')
          return bounce('invalid_request', `Unsupported code_challenge_method "${method}"; use S256.`);
        if (!PKCE_SYNTAX.test(codeChallenge)) return bounce('invalid_request', 'Malformed code_challenge.');
        codeChallengeMethod = (method as 'S256' | 'plain' | undefined) ?? 'plain';
      } else if (!client.clientSecret) {
        // A public client cannot authenticate, so only PKCE binds the code to it (RFC 9700 §2.1.1).
        return bounce('invalid_request', 'PKCE is required for this client: send code_challenge.');
      }
    }
    return {
      client,
      redirectUri,
      responseType,
      state: target.state,
      scope,
      codeChallenge,
      codeChallengeMethod,
      prompt: params.get('prompt'),
    };
  };

  /** The redirect back to the client: the query for `code`, the fragment for `token` (RFC 6749 §4.1.2, §4.2.2). */
  const redirectBack = (target: RedirectTarget, values: Record<string, string | undefined>): string => {
    const url = new URL(target.redirectUri);
    const result = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...values, state: target.state }))
      if (value !== undefined) result.set(name, value);
    if (target.responseType == 'token') url.hash = result.toString();
    else for (const [name, value] of result) url.searchParams.append(name, value);
    return url.href;
  };

  const issueAccessToken = (clientId: string, email: string, scope: string, grantId: string | undefined) => {
    const token = random('mock_at_');
    accessTokens.set(token, { clientId, email, scope, grantId, expiresAt: now() + tokenTtl * 1000 });
    return token;
  };

  /** The user approved: a code, or a token in the fragment. */
  const approve = (request: AuthorizationRequest, email: string): string => {
    if (request.responseType == 'token') {
      // The implicit grant never returns a refresh token (RFC 6749 §4.2.2).
      const accessToken = issueAccessToken(request.client.clientId, email, request.scope, undefined);
      log(`token issued to ${request.client.clientId} for ${email}`);
      return redirectBack(request, {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: String(tokenTtl),
        scope: request.scope,
      });
    }
    const code = random('mock_code_');
    codes.set(code, {
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      email,
      scope: request.scope,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      expiresAt: now() + codeTtl * 1000,
      used: false,
      grantId: random('grant_'),
    });
    log(`code issued to ${request.client.clientId} for ${email}`);
    return redirectBack(request, { code });
  };

  const sessionOf = (req: IncomingMessage): [string, Session] | undefined => {
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = id ? sessions.get(id) : undefined;
    // A session whose account is gone (after reset) is no session.
    return id && session && users.has(session.email) ? [id, session] : undefined;
  };

  const startSession = (email: string): string => {
    const id = random('');
    sessions.set(id, { email, csrf: random('') });
    return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
  };

  /** The same authorization request with `prompt` changed: links between sign-in and sign-up keep the request. */
  const withPrompt = (pairs: Array<[string, string]>, prompt: string | undefined): string => {
    const query = new URLSearchParams(pairs.filter(([name]) => name != 'prompt'));
    if (prompt) query.set('prompt', prompt);
    return `?${query}`;
  };

  const handleAuthorize = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method != 'GET' && req.method != 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const pairs = parseForm(url.search.slice(1));
    if (!pairs) return sendHtml(res, 400, errorPage('invalid_request', 'The request URL is malformed.'));
    const validated = validateAuthorization(toParams(pairs));
    if ('error' in validated) {
      log(`authorize rejected: ${validated.error} (${validated.description})`);
      if (!validated.redirect) return sendHtml(res, 400, errorPage(validated.error, validated.description));
      return redirect(
        res,
        req.method == 'POST' ? 303 : 302,
        redirectBack(validated.target, { error: validated.error, error_description: validated.description }),
      );
    }
    const request = validated;
    const session = sessionOf(req);
    const user = session && users.get(session[1].email);

    if (req.method == 'GET') {
      const failure = takeForced('authorize');
      if (failure)
        return redirect(
          res,
          302,
          redirectBack(request, { error: failure.error, error_description: failure.errorDescription }),
        );
      if (autoApprove) {
        const email = user?.email ?? (typeof autoApprove == 'string' ? autoApprove : [...users.keys()][0]);
        if (email && users.has(email.toLowerCase())) return redirect(res, 302, approve(request, email.toLowerCase()));
      }
      if (user && session) return sendHtml(res, 200, consent(request, user, session[1]));
      if (request.prompt == 'create') return sendHtml(res, 200, signUp(request, pairs));
      return sendHtml(res, 200, signIn(request, pairs));
    }

    // POST: a form of one of the pages. Browsers send Origin with form posts;
    // one from elsewhere is a cross-site request forgery attempt.
    const origin = req.headers.origin;
    if (origin !== undefined && origin != `http://${req.headers.host}` && origin != `https://${req.headers.host}`)
      return sendHtml(res, 403, errorPage('access_denied', 'This form was sent from another site.'));
    const body = await readBody(req, maxBody);
    if (!body.ok) return sendHtml(res, 413, errorPage('invalid_request', 'The form is too large.'));
    const formPairs = parseForm(body.text);
    if (!formPairs) return sendHtml(res, 400, errorPage('invalid_request', 'The form is malformed.'));
    const form = toParams(formPairs);
    const action = form.get('action');
    const back = withPrompt(pairs, request.prompt);

    if (action == 'signin') {
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const found = users.get(email);
      if (!found || !safeEqual(found.password, form.get('password') ?? '')) {
        log(`sign-in failed for ${email}`);
        return sendHtml(res, 200, signIn(request, pairs, email, 'The email or password is incorrect.'));
      }
      log(`signed in ${email}`);
      return redirect(res, 303, withPrompt(pairs, undefined), { 'Set-Cookie': startSession(email) });
    }
    if (action == 'signup') {
      const name = (form.get('name') ?? '').trim();
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const password = form.get('password') ?? '';
      const problem = !name
        ? 'Enter your name.'
        : !EMAIL_SYNTAX.test(email)
          ? 'Enter a valid email address.'
          : password.length < 8
            ? 'Choose a password of at least 8 characters.'
            : users.has(email)
              ? 'An account with this email already exists. Sign in instead.'
              : undefined;
      if (problem) return sendHtml(res, 200, signUp(request, pairs, { name, email }, problem));
      addUser({ name, email, password });
      log(`signed up ${email}`);
      return redirect(res, 303, withPrompt(pairs, undefined), { 'Set-Cookie': startSession(email) });
    }
    // The remaining actions act for the signed-in user: they need the session and its CSRF token.
    if (!session || !user || !safeEqual(session[1].csrf, form.get('csrf') ?? '')) return redirect(res, 303, back);
    if (action == 'signout') {
      sessions.delete(session[0]);
      return redirect(res, 303, withPrompt(pairs, undefined), {
        'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      });
    }
    if (action == 'deny') {
      log(`${user.email} denied ${request.client.clientId}`);
      return redirect(
        res,
        303,
        redirectBack(request, { error: 'access_denied', error_description: 'The user denied the request.' }),
      );
    }
    if (action == 'allow') return redirect(res, 303, approve(request, user.email));
    return redirect(res, 303, back);
  };

  const testCredentials = () => {
    const first = [...users.values()][0];
    return showCredentials && first ? { email: first.email, password: first.password } : undefined;
  };
  const signIn = (request: AuthorizationRequest, pairs: Array<[string, string]>, email?: string, error?: string) =>
    signInPage({
      clientName: request.client.name,
      signUpHref: withPrompt(pairs, 'create'),
      testCredentials: testCredentials(),
      ...(email !== undefined && { email }),
      ...(error && { error }),
    });
  const signUp = (
    request: AuthorizationRequest,
    pairs: Array<[string, string]>,
    values: { name?: string; email?: string } = {},
    error?: string,
  ) =>
    signUpPage({
      clientName: request.client.name,
      signInHref: withPrompt(pairs, undefined),
      ...values,
      ...(error && { error }),
    });
  const consent = (request: AuthorizationRequest, user: Required<MockUser>, session: Session) =>
    consentPage({
      clientName: request.client.name,
      user,
      csrf: session.csrf,
      scopes: request.scope.split(' ').map((name) => ({ name, description: scopes[name] ?? name })),
    });

  // -------------------------------------------------------------------- token

  const tokenError = (res: ServerResponse, error: string, description: string) => {
    log(`token error: ${error} (${description})`);
    sendJson(
      res,
      tokenErrorStatus(error),
      { error, error_description: description },
      // RFC 6749 §5.2: a 401 names the authentication scheme the client should use.
      error == 'invalid_client' ? { 'WWW-Authenticate': 'Basic realm="mock-provider", charset="UTF-8"' } : {},
    );
  };

  /** Revokes every token issued from one authorization (RFC 6749 §4.1.2 on code reuse; RFC 9700 §4.14.2). */
  const revokeGrant = (grantId: string) => {
    revokedGrants.add(grantId);
    for (const store of [accessTokens, refreshTokens])
      for (const [token, issued] of store) if (issued.grantId == grantId) store.delete(token);
    log(`revoked every token of ${grantId}`);
  };

  const issueTokens = (res: ServerResponse, clientId: string, email: string, scope: string, grantId: string) => {
    const refreshToken = random('mock_rt_');
    refreshTokens.set(refreshToken, {
      clientId,
      email,
      scope,
      grantId,
      used: false,
      expiresAt: now() + refreshTtl * 1000,
    });
    sendJson(res, 200, {
      access_token: issueAccessToken(clientId, email, scope, grantId),
      token_type: 'bearer',
      expires_in: tokenTtl,
      refresh_token: refreshToken,
      scope,
    });
  };

  const handleToken = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method != 'POST') {
      req.resume();
      return sendJson(
        res,
        405,
        { error: 'invalid_request', error_description: 'Use POST.' },
        { Allow: 'POST, OPTIONS' },
      );
    }
    const body = await readBody(req, maxBody);
    if (!body.ok) {
      if (body.reason == 'too_large')
        sendJson(
          res,
          413,
          { error: 'invalid_request', error_description: `The body is larger than ${maxBody} bytes.` },
          { Connection: 'close' },
        );
      return;
    }
    const failure = takeForced('token');
    if (failure) return tokenError(res, failure.error, failure.errorDescription ?? `Forced ${failure.error}.`);
    // RFC 6749 §4.1.3: the parameters use the application/x-www-form-urlencoded format.
    const contentType = (req.headers['content-type'] ?? '').replace(/;.*/s, '').trim().toLowerCase();
    if (contentType != 'application/x-www-form-urlencoded')
      return tokenError(res, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    const pairs = parseForm(body.text);
    if (!pairs) return tokenError(res, 'invalid_request', 'The body is not valid form encoding.');
    const params = toParams(pairs);
    if (params.duplicate)
      return tokenError(res, 'invalid_request', `The parameter ${params.duplicate} appears more than once.`);

    // Client authentication (RFC 6749 §2.3): Basic, client_secret_post, or none for a public client.
    const basic = parseBasicAuth(req.headers.authorization);
    if (basic == 'malformed') return tokenError(res, 'invalid_client', 'Malformed Authorization header.');
    const bodySecret = params.get('client_secret');
    if (basic && bodySecret)
      // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
      return tokenError(res, 'invalid_request', 'Use either HTTP Basic or client_secret, not both.');
    const bodyClientId = params.get('client_id');
    if (basic && bodyClientId && bodyClientId != basic.clientId)
      return tokenError(res, 'invalid_client', 'client_id does not match the Authorization header.');
    const clientId = basic?.clientId ?? bodyClientId;
    if (!clientId) return tokenError(res, 'invalid_client', 'No client authentication.');
    const client = clients.get(clientId);
    if (!client) return tokenError(res, 'invalid_client', 'Unknown client.');
    const secret = basic?.clientSecret ?? bodySecret;
    if (client.clientSecret) {
      if (secret === undefined) return tokenError(res, 'invalid_client', 'This client must authenticate.');
      if (!safeEqual(client.clientSecret, secret)) return tokenError(res, 'invalid_client', 'Wrong client secret.');
    } else if (secret) {
      return tokenError(res, 'invalid_client', 'This public client has no secret.');
    }

    const grantType = params.get('grant_type');
    if (!grantType) return tokenError(res, 'invalid_request', 'The request has no grant_type.');
    if (grantType == 'authorization_code') return exchangeCode(res, client, params);
    if (grantType == 'refresh_token') return refresh(res, client, params);
    return tokenError(res, 'unsupported_grant_type', `Unsupported grant_type "${grantType}".`);
  };

  /** RFC 6749 §4.1.3 and RFC 7636 §4.6. */
  const exchangeCode = (res: ServerResponse, client: MockClient, params: Params) => {
    const code = params.get('code');
    if (!code) return tokenError(res, 'invalid_request', 'The request has no code.');
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return tokenError(res, 'invalid_request', 'The request has no redirect_uri.');
    const issued = codes.get(code);
    if (!issued || issued.clientId != client.clientId)
      return tokenError(res, 'invalid_grant', 'Unknown authorization code.');
    if (issued.used) {
      // RFC 6749 §4.1.2: a code used twice "SHOULD revoke (when possible) all tokens previously issued based on that code".
      revokeGrant(issued.grantId);
      return tokenError(res, 'invalid_grant', 'The authorization code was already used.');
    }
    if (issued.expiresAt <= now()) {
      codes.delete(code);
      return tokenError(res, 'invalid_grant', 'The authorization code has expired.');
    }
    // A failed attempt also spends the code: a guesser gets one try per code.
    issued.used = true;
    if (issued.redirectUri != redirectUri)
      return tokenError(res, 'invalid_grant', 'redirect_uri differs from the authorization request.');
    const verifier = params.get('code_verifier');
    if (issued.codeChallenge) {
      if (!verifier) return tokenError(res, 'invalid_grant', 'The request has no code_verifier.');
      if (!PKCE_SYNTAX.test(verifier)) return tokenError(res, 'invalid_grant', 'Malformed code_verifier.');
      const computed = issued.codeChallengeMethod == 'S256' ? sha256(verifier).toString('base64url') : verifier;
      if (!safeEqual(computed, issued.codeChallenge))
        return tokenError(res, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    } else if (verifier) {
      // RFC 9700 §2.1.1: a verifier for a code issued without a challenge signals a PKCE downgrade attack.
      return tokenError(res, 'invalid_grant', 'This code was issued without a code_challenge.');
    }
    log(`code exchanged by ${client.clientId}`);
    issueTokens(res, client.clientId, issued.email, issued.scope, issued.grantId);
  };

  /** RFC 6749 §6, with rotation (RFC 9700 §4.14.2). */
  const refresh = (res: ServerResponse, client: MockClient, params: Params) => {
    const token = params.get('refresh_token');
    if (!token) return tokenError(res, 'invalid_request', 'The request has no refresh_token.');
    const issued = refreshTokens.get(token);
    if (!issued || issued.clientId != client.clientId)
      return tokenError(res, 'invalid_grant', 'Unknown refresh token.');
    if (issued.used) {
      // A rotated-away token coming back means it leaked: revoke the whole grant.
      revokeGrant(issued.grantId);
      return tokenError(res, 'invalid_grant', 'The refresh token was already used.');
    }
    if (issued.expiresAt <= now()) return tokenError(res, 'invalid_grant', 'The refresh token has expired.');
    const requested = params.get('scope');
    let scope = issued.scope;
    if (requested) {
      const granted = new Set(issued.scope.split(' '));
      const wanted = requested.split(' ').filter(Boolean);
      // RFC 6749 §6: the new scope may not include any scope not originally granted.
      if (wanted.some((name) => !granted.has(name)))
        return tokenError(res, 'invalid_scope', 'The scope exceeds what the user granted.');
      scope = [...new Set(wanted)].join(' ');
    }
    issued.used = true;
    log(`refresh token rotated for ${client.clientId}`);
    issueTokens(res, client.clientId, issued.email, scope, issued.grantId);
  };

  // ----------------------------------------------------------------- userinfo

  /** The protected resource: the signed-in user (RFC 6750 for the Bearer token). */
  const handleMe = (req: IncomingMessage, res: ServerResponse) => {
    const challenge = (error?: string, description?: string) =>
      ['Bearer realm="mock-provider"', error && `error="${error}"`, description && `error_description="${description}"`]
        .filter(Boolean)
        .join(', ');
    const fail = (error: string, description: string) =>
      sendJson(
        res,
        resourceErrorStatus(error),
        { error, error_description: description },
        {
          'WWW-Authenticate': challenge(error, description),
        },
      );
    if (req.method != 'GET') {
      req.resume();
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use GET.' }, { Allow: 'GET, OPTIONS' });
    }
    const failure = takeForced('userinfo');
    if (failure) return fail(failure.error, failure.errorDescription ?? `Forced ${failure.error}.`);
    const header = req.headers.authorization;
    // RFC 6750 §3.1: a request without credentials gets a challenge and no error code.
    if (!header)
      return sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'No access token.' },
        {
          'WWW-Authenticate': challenge(),
        },
      );
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match?.[1]) return fail('invalid_request', 'Malformed Authorization header; expected "Bearer <token>".');
    const issued = match?.[1] ? accessTokens.get(match[1]) : undefined;
    if (!issued || (issued.grantId && revokedGrants.has(issued.grantId)))
      return fail('invalid_token', 'The access token is unknown or revoked.');
    if (issued.expiresAt <= now()) return fail('invalid_token', 'The access token has expired.');
    const user = users.get(issued.email);
    if (!user) return fail('invalid_token', 'The account no longer exists.');
    const granted = issued.scope.split(' ');
    sendJson(res, 200, {
      id: user.id,
      name: user.name,
      ...(granted.includes('email') && { email: user.email }),
      scope: issued.scope,
    });
  };

  // ------------------------------------------------------------ test knobs

  /**
   * `POST /reset`, `/fail-next-request?error=…`, `/delay?ms=…`,
   * `/auto-approve?value=true|false|<email>`, `/advance-clock?seconds=…`:
   * the same knobs as the methods, for tests in another process.
   */
  const handleKnob = (req: IncomingMessage, res: ServerResponse, name: string, query: URLSearchParams) => {
    req.resume();
    if (req.method != 'POST')
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST' });
    const bad = (description: string) =>
      sendJson(res, 400, { error: 'invalid_request', error_description: description });
    switch (name) {
      case 'reset':
        reset();
        break;
      case 'fail-next-request': {
        const error = query.get('error') || 'server_error';
        const endpoint = query.get('endpoint') || undefined;
        if (endpoint && endpoint != 'authorize' && endpoint != 'token' && endpoint != 'userinfo')
          return bad('endpoint must be authorize, token or userinfo.');
        const description = query.get('error_description') || undefined;
        failNextRequest({
          error,
          ...(description && { errorDescription: description }),
          ...(endpoint && { endpoint: endpoint as MockEndpoint }),
        });
        break;
      }
      case 'delay': {
        const ms = Number(query.get('ms'));
        if (!(ms >= 0)) return bad('ms must be a number of milliseconds.');
        delayMs = ms;
        break;
      }
      case 'auto-approve': {
        const value = query.get('value') ?? 'true';
        autoApprove = value == 'true' ? true : value == 'false' ? false : value;
        break;
      }
      case 'advance-clock': {
        const seconds = Number(query.get('seconds'));
        if (!(seconds >= 0)) return bad('seconds must be a positive number.');
        clockOffsetMs += seconds * 1000;
        break;
      }
    }
    sendJson(res, 200, { ok: true });
  };

  const failNextRequest = (error: ForcedError) => {
    forced = { ...error };
  };

  // ------------------------------------------------------------------ routing

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

  const metadata = (req: IncomingMessage, res: ServerResponse) => {
    // Where this handler is mounted, as the browser sees it (Connect sets originalUrl).
    const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const base = `http://${req.headers.host}${path.replace(/\?.*$/s, '').replace(/\/\.well-known\/.*$/, '')}`;
    sendJson(res, 200, {
      issuer: base,
      authorization_endpoint: `${base}/oauth2/authorize/`,
      token_endpoint: `${base}/oauth2/token/`,
      userinfo_endpoint: `${base}/v1/me`,
      response_types_supported: ['code', 'token'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'implicit'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256', 'plain'],
      scopes_supported: Object.keys(scopes),
    });
  };

  const route = async (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const path = url.pathname;
    log(`${req.method} ${path}`);
    const protocol = async (endpoint: () => unknown) => {
      if (delayMs) await sleep(delayMs);
      await endpoint();
    };
    if (path == '/oauth2/authorize/' || path == '/oauth2/authorize')
      return protocol(() => handleAuthorize(req, res, url));
    if (path == '/oauth2/token/' || path == '/oauth2/token') {
      if (cors(req, res)) return;
      return protocol(() => handleToken(req, res));
    }
    if (path == '/v1/me') {
      if (cors(req, res)) return;
      return protocol(() => handleMe(req, res));
    }
    const knob = /^\/(reset|fail-next-request|delay|auto-approve|advance-clock)\/?$/.exec(path);
    if (knob?.[1]) return handleKnob(req, res, knob[1], url.searchParams);
    if (path == '/.well-known/oauth-authorization-server') return metadata(req, res);
    if (next) return next();
    if (path == '/' && req.method == 'GET')
      return sendHtml(
        res,
        200,
        indexPage({
          clients: [...clients.values()].map((c) => ({
            clientId: c.clientId,
            name: c.name,
            confidential: Boolean(c.clientSecret),
            redirectUris: c.redirectUris,
          })),
          scopes: Object.entries(scopes).map(([name, description]) => ({ name, description })),
        }),
      );
    req.resume();
    sendJson(res, 404, { error: 'not_found', error_description: `Nothing at ${path}.` });
  };

  const handle: MockProviderHandler = (req, res, next) => {
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
    failNextRequest,
    setDelay: (ms) => {
      delayMs = ms;
    },
    setAutoApprove: (value) => {
      autoApprove = value;
    },
    advanceClock: (seconds) => {
      clockOffsetMs += seconds * 1000;
    },
    addClient,
    addUser: (user) => {
      const stored = addUser(user);
      return { ...stored };
    },
    users: () => [...users.values()].map((user) => ({ ...user })),
  };
};
