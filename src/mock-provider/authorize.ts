import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual, type Context } from './context.js';
import { DEFAULT_SCOPES } from './defaults.js';
import { parseForm, readBody, redirect, sendHtml, toParams, type FormPairs } from './http.js';
import { PAGE_TEXT, pickLocale, type PageText } from './page-text.js';
import { consentPage, errorPage, signInPage, signUpPage } from './pages.js';
import { redirectBack, validateAuthorization, type AuthorizationRequest } from './authorize-request.js';
import type { Issuer } from './issuers.js';
import type { Session } from './sessions.js';
import type { MockUser } from './types.js';

const EMAIL_SYNTAX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The same authorization request with `prompt` changed: links between sign-in and sign-up keep the request. */
const withPrompt = (pairs: FormPairs, prompt: string | undefined): string => {
  const query = new URLSearchParams(pairs.filter(([name]) => name != 'prompt'));
  if (prompt) query.set('prompt', prompt);
  return `?${query}`;
};

/** The authorization endpoint (RFC 6749 §3.1) and its pages: sign-in, sign-up, consent. */
export const createAuthorizeEndpoint = (context: Context) => {
  const { accounts, grants, knobs, log, scopes, tokenTtl } = context;

  /** The user approved: a code, or a token in the fragment. */
  const approve = (request: AuthorizationRequest, issuer: Issuer, email: string, session?: Session): string => {
    const to = { issuerPath: issuer.path, clientId: request.client.clientId, email, scope: request.scope };
    if (request.responseType == 'token') {
      // The implicit grant never returns a refresh token (RFC 6749 §4.2.2).
      const accessToken = grants.issueAccessToken(to, undefined);
      log(`token issued to ${request.client.clientId} for ${email}`);
      return redirectBack(request, {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: String(tokenTtl),
        scope: request.scope,
      });
    }
    const code = grants.issueCode({
      issuerPath: issuer.path,
      issuer: issuer.id,
      oidc: request.oidc,
      nonce: request.nonce,
      // Approved without a sign-in (auto-approve): the user "signs in" now.
      authTime: session?.authTime ?? Math.floor(Date.now() / 1000),
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      email,
      scope: request.scope,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
    });
    log(`code issued to ${request.client.clientId} for ${email}`);
    return redirectBack(request, { code });
  };

  const signIn = (t: PageText, request: AuthorizationRequest, pairs: FormPairs, email?: string, error?: string) =>
    signInPage({
      t,
      clientName: request.client.name,
      signUpHref: withPrompt(pairs, 'create'),
      testCredentials: accounts.testCredentials(),
      ...(email !== undefined && { email }),
      ...(error && { error }),
    });
  const signUp = (
    t: PageText,
    request: AuthorizationRequest,
    pairs: FormPairs,
    values: { name?: string; email?: string } = {},
    problem?: { error: string; errorField: 'name' | 'email' | 'password' },
  ) =>
    signUpPage({ t, clientName: request.client.name, signInHref: withPrompt(pairs, undefined), ...values, ...problem });
  /** The default scopes in the page's language; a partner's own scopes as the partner wrote them. */
  const describe = (t: PageText, name: string) =>
    (scopes[name] === undefined || scopes[name] === DEFAULT_SCOPES[name] ? t.scopes[name] : undefined) ??
    scopes[name] ??
    name;
  const consent = (t: PageText, request: AuthorizationRequest, user: Required<MockUser>, session: Session) =>
    consentPage({
      t,
      clientName: request.client.name,
      user,
      csrf: session.csrf,
      scopes: request.scope.split(' ').map((name) => ({ name, description: describe(t, name) })),
    });

  return async (req: IncomingMessage, res: ServerResponse, url: URL, issuer: Issuer) => {
    if (req.method != 'GET' && req.method != 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const pairs = parseForm(url.search.slice(1));
    const t = PAGE_TEXT[pickLocale(pairs && toParams(pairs).get('ui_locales'), req.headers['accept-language'])];
    if (!pairs) return sendHtml(res, 400, errorPage('invalid_request', 'The request URL is malformed.', t));
    const validated = validateAuthorization(context, toParams(pairs), knobs.issParameterFor(issuer.id));
    if ('error' in validated) {
      log(`authorize rejected: ${validated.error} (${validated.description})`);
      if (!validated.redirect) return sendHtml(res, 400, errorPage(validated.error, validated.description, t));
      return redirect(
        res,
        req.method == 'POST' ? 303 : 302,
        redirectBack(validated.target, { error: validated.error, error_description: validated.description }),
      );
    }
    const request = validated;
    const session = accounts.sessionOf(req);
    const user = session && accounts.users.get(session[1].email);

    if (req.method == 'GET') {
      const failure = knobs.takeForced('authorize');
      if (failure)
        return redirect(
          res,
          302,
          redirectBack(request, { error: failure.error, error_description: failure.errorDescription }),
        );
      const { autoApprove } = knobs;
      if (autoApprove) {
        const email = user?.email ?? (typeof autoApprove == 'string' ? autoApprove : [...accounts.users.keys()][0]);
        if (email && accounts.users.has(email.toLowerCase()))
          return redirect(res, 302, approve(request, issuer, email.toLowerCase(), session?.[1]));
      }
      if (user && session) return sendHtml(res, 200, consent(t, request, user, session[1]));
      if (request.prompt == 'create') return sendHtml(res, 200, signUp(t, request, pairs));
      return sendHtml(res, 200, signIn(t, request, pairs));
    }

    // POST: a form of one of the pages. Browsers send Origin with form posts;
    // one from elsewhere is a cross-site request forgery attempt.
    const origin = req.headers.origin;
    if (origin !== undefined && !context.hosts.ownOrigin(req, origin))
      return sendHtml(res, 403, errorPage('access_denied', 'This form was sent from another site.', t));
    const body = await readBody(req, context.maxBody);
    if (!body.ok) return sendHtml(res, 413, errorPage('invalid_request', 'The form is too large.', t));
    const formPairs = parseForm(body.text);
    if (!formPairs) return sendHtml(res, 400, errorPage('invalid_request', 'The form is malformed.', t));
    const form = toParams(formPairs);
    const action = form.get('action');
    const back = withPrompt(pairs, request.prompt);

    if (action == 'signin') {
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const found = accounts.users.get(email);
      if (!found || !safeEqual(found.password, form.get('password') ?? '')) {
        log(`sign-in failed for ${email}`);
        return sendHtml(res, 200, signIn(t, request, pairs, email, t.wrongPassword));
      }
      log(`signed in ${email}`);
      return redirect(res, 303, withPrompt(pairs, undefined), { 'Set-Cookie': accounts.startSession(email) });
    }
    if (action == 'signup') {
      const name = (form.get('name') ?? '').trim();
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const password = form.get('password') ?? '';
      const problem = !name
        ? { error: t.enterName, errorField: 'name' as const }
        : !EMAIL_SYNTAX.test(email)
          ? { error: t.enterEmail, errorField: 'email' as const }
          : password.length < 8
            ? { error: t.shortPassword, errorField: 'password' as const }
            : accounts.users.has(email)
              ? { error: t.accountExists, errorField: 'email' as const }
              : undefined;
      if (problem) return sendHtml(res, 200, signUp(t, request, pairs, { name, email }, problem));
      accounts.addUser({ name, email, password });
      log(`signed up ${email}`);
      return redirect(res, 303, withPrompt(pairs, undefined), { 'Set-Cookie': accounts.startSession(email) });
    }
    // The remaining actions act for the signed-in user: they need the session and its CSRF token.
    if (!session || !user || !safeEqual(session[1].csrf, form.get('csrf') ?? '')) return redirect(res, 303, back);
    if (action == 'signout')
      return redirect(res, 303, withPrompt(pairs, undefined), { 'Set-Cookie': accounts.endSession(session[0]) });
    if (action == 'deny') {
      log(`${user.email} denied ${request.client.clientId}`);
      return redirect(
        res,
        303,
        redirectBack(request, { error: 'access_denied', error_description: 'The user denied the request.' }),
      );
    }
    if (action == 'allow') return redirect(res, 303, approve(request, issuer, user.email, session[1]));
    return redirect(res, 303, back);
  };
};
