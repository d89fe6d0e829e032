import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual, sha256, type Context } from './context.js';
import { parseBasicAuth, parseForm, readBody, sendJson, toParams, type FormPairs, type Params } from './http.js';
import { PKCE_SYNTAX } from './authorize-request.js';
import { maskParams } from './request-log.js';
import type { AuthorizationCode, TokenSet } from './grants.js';
import type { Issuer } from './issuers.js';
import type { MockClient, MockUser } from './types.js';

/** Status codes for token endpoint errors (RFC 6749 §5.2: 400 unless the client failed to authenticate). */
const tokenErrorStatus = (error: string): number =>
  error == 'invalid_client' ? 401 : error == 'server_error' ? 500 : error == 'temporarily_unavailable' ? 503 : 400;

export type ClientEndpointError = (res: ServerResponse, error: string, description: string) => void;

/** An OAuth error answer of the token endpoint (RFC 6749 §5.2). */
export const tokenError = (context: Context, res: ServerResponse, error: string, description: string) => {
  context.log(`token error: ${error} (${description})`);
  sendJson(
    res,
    tokenErrorStatus(error),
    { error, error_description: description },
    // RFC 6749 §5.2: a 401 names the authentication scheme the client should use.
    error == 'invalid_client' ? { 'WWW-Authenticate': 'Basic realm="mock-provider", charset="UTF-8"' } : {},
  );
};

/**
 * Reads a client's form POST: method, size, RFC 6749 §4.1.3's
 * `application/x-www-form-urlencoded`, no duplicated parameter. Answers the
 * error itself and returns undefined when anything fails.
 */
export const readForm = async (
  context: Context,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: 'token' | 'revocation',
): Promise<{ params: Params; pairs: FormPairs } | undefined> => {
  const fail = (error: string, description: string) => {
    tokenError(context, res, error, description);
    return undefined;
  };
  if (req.method != 'POST') {
    req.resume();
    sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' }, { Allow: 'POST, OPTIONS' });
    return undefined;
  }
  const body = await readBody(req, context.maxBody);
  if (!body.ok) {
    if (body.reason == 'too_large')
      sendJson(
        res,
        413,
        { error: 'invalid_request', error_description: `The body is larger than ${context.maxBody} bytes.` },
        { Connection: 'close' },
      );
    return undefined;
  }
  const failure = context.knobs.takeForced(endpoint);
  if (failure) return fail(failure.error, failure.errorDescription ?? `Forced ${failure.error}.`);
  const contentType = (req.headers['content-type'] ?? '').replace(/;.*/s, '').trim().toLowerCase();
  if (contentType != 'application/x-www-form-urlencoded')
    return fail('invalid_request', 'The body must be application/x-www-form-urlencoded.');
  const pairs = parseForm(body.text);
  if (!pairs) return fail('invalid_request', 'The body is not valid form encoding.');
  const params = toParams(pairs);
  if (params.duplicate) return fail('invalid_request', `The parameter ${params.duplicate} appears more than once.`);
  const entry = context.requests.entryOf(req);
  if (entry) entry.params = { ...entry.params, ...maskParams(pairs) };
  return { params, pairs };
};

/**
 * Reads a client's form POST (see `readForm`) and authenticates the client
 * (RFC 6749 §2.3): Basic, client_secret_post, or none for a public client; as a
 * provider (`profile`), the one way that provider takes. Answers the error
 * itself and returns undefined when anything fails.
 */
export const readClientRequest = async (
  context: Context,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: 'token' | 'revocation',
): Promise<{ client: MockClient; params: Params } | undefined> => {
  const form = await readForm(context, req, res, endpoint);
  if (!form) return undefined;
  const { params } = form;
  const fail = (error: string, description: string) => {
    tokenError(context, res, error, description);
    return undefined;
  };

  const basic = parseBasicAuth(req.headers.authorization);
  if (basic == 'malformed') return fail('invalid_client', 'Malformed Authorization header.');
  const bodySecret = params.get('client_secret');
  if (basic && bodySecret)
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
    return fail('invalid_request', 'Use either HTTP Basic or client_secret, not both.');
  const bodyClientId = params.get('client_id');
  if (basic && bodyClientId && bodyClientId != basic.clientId)
    return fail('invalid_client', 'client_id does not match the Authorization header.');
  const clientId = basic?.clientId ?? bodyClientId;
  if (!clientId) return fail('invalid_client', 'No client authentication.');
  const client = context.accounts.clients.get(clientId);
  if (!client) return fail('invalid_client', 'Unknown client.');
  const secret = basic?.clientSecret ?? bodySecret;
  const method = basic ? 'client_secret_basic' : bodySecret ? 'client_secret_post' : 'none';
  const entry = context.requests.entryOf(req);
  if (entry) entry.clientAuthentication = method;
  const required = context.profile?.clientAuthentication;
  if (client.clientSecret) {
    if (secret === undefined) return fail('invalid_client', 'This client must authenticate.');
    // A provider that documents one way takes that way only (Ulule: HTTP Basic; UltraCart, as assumed: the form).
    if (required && method != required)
      return fail('invalid_client', `This provider takes the client's credentials by ${required} only.`);
    if (!safeEqual(client.clientSecret, secret)) return fail('invalid_client', 'Wrong client secret.');
  } else if (secret) {
    return fail('invalid_client', 'This public client has no secret.');
  }
  return { client, params };
};

/**
 * OpenID Connect Core §2: who signed in, signed with the issuer's key. Times
 * are real time, not the provider's clock: the client checks them with its own.
 */
export const signIdToken = (
  context: Context,
  code: Pick<AuthorizationCode, 'issuerPath' | 'issuer' | 'clientId' | 'scope' | 'authTime' | 'nonce'>,
  user: Required<MockUser>,
) => {
  const granted = code.scope.split(' ');
  const issuedAt = Math.floor(Date.now() / 1000);
  return context.keys.sign(code.issuerPath, {
    iss: code.issuer,
    sub: user.id,
    aud: code.clientId,
    iat: issuedAt,
    exp: issuedAt + context.tokenTtl,
    auth_time: code.authTime,
    ...(code.nonce !== undefined && { nonce: code.nonce }),
    ...(granted.includes('profile') && { name: user.name }),
    ...(granted.includes('email') && { email: user.email, email_verified: true }),
  });
};

/**
 * What a provider adds to a token response: UltraCart's SDK docs list
 * `merchant_id`, "The UltraCart merchant account that authorized this token"
 * (this mock answers the account's id).
 */
const withProfileFields = <Tokens extends Partial<TokenSet>>(
  context: Context,
  tokens: Tokens,
  email: string,
): Tokens => {
  if (context.profile?.name != 'ultracart') return tokens;
  const merchantId = context.accounts.users.get(email)?.id;
  return merchantId === undefined ? tokens : { ...tokens, merchant_id: merchantId };
};

/** The token endpoint (RFC 6749 §3.2): the code grant and the refresh grant. */
export const createTokenEndpoint = (context: Context) => {
  const { accounts, grants, log, now } = context;
  const error = (res: ServerResponse, code: string, description: string) => tokenError(context, res, code, description);

  /** RFC 6749 §4.1.3 and RFC 7636 §4.6. */
  const exchangeCode = async (res: ServerResponse, client: MockClient, params: Params, issuer: Issuer) => {
    const code = params.get('code');
    if (!code) return error(res, 'invalid_request', 'The request has no code.');
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri) return error(res, 'invalid_request', 'The request has no redirect_uri.');
    const issued = grants.codes.get(code);
    if (!issued || issued.clientId != client.clientId || issued.issuerPath != issuer.path)
      return error(res, 'invalid_grant', 'Unknown authorization code.');
    if (issued.used) {
      // RFC 6749 §4.1.2: a code used twice "SHOULD revoke (when possible) all tokens previously issued based on that code".
      grants.revokeGrant(issued.grantId);
      return error(res, 'invalid_grant', 'The authorization code was already used.');
    }
    if (issued.expiresAt <= now()) {
      grants.codes.delete(code);
      return error(res, 'invalid_grant', 'The authorization code has expired.');
    }
    // A failed attempt also spends the code: a guesser gets one try per code.
    issued.used = true;
    if (issued.redirectUri != redirectUri)
      return error(res, 'invalid_grant', 'redirect_uri differs from the authorization request.');
    const verifier = params.get('code_verifier');
    if (issued.codeChallenge) {
      if (!verifier) return error(res, 'invalid_grant', 'The request has no code_verifier.');
      if (!PKCE_SYNTAX.test(verifier)) return error(res, 'invalid_grant', 'Malformed code_verifier.');
      const computed = issued.codeChallengeMethod == 'S256' ? sha256(verifier).toString('base64url') : verifier;
      if (!safeEqual(computed, issued.codeChallenge))
        return error(res, 'invalid_grant', 'code_verifier does not match the code_challenge.');
    } else if (verifier) {
      // RFC 9700 §2.1.1: a verifier for a code issued without a challenge signals a PKCE downgrade attack.
      return error(res, 'invalid_grant', 'This code was issued without a code_challenge.');
    }
    log(`code exchanged by ${client.clientId}`);
    const to = { issuerPath: issuer.path, clientId: client.clientId, email: issued.email, scope: issued.scope };
    const tokens = withProfileFields(context, grants.issueTokenSet(to, issued.grantId), issued.email);
    const user = accounts.users.get(issued.email);
    if (issued.oidc && user) tokens.id_token = await signIdToken(context, issued, user);
    sendJson(res, 200, tokens);
  };

  /** RFC 6749 §6, with rotation (RFC 9700 §4.14.2). */
  const refresh = (res: ServerResponse, client: MockClient, params: Params, issuer: Issuer) => {
    const token = params.get('refresh_token');
    if (!token) return error(res, 'invalid_request', 'The request has no refresh_token.');
    const issued = grants.refreshTokens.get(token);
    if (!issued || issued.clientId != client.clientId || issued.issuerPath != issuer.path)
      return error(res, 'invalid_grant', 'Unknown refresh token.');
    if (issued.used) {
      // A rotated-away token coming back means it leaked: revoke the whole grant.
      grants.revokeGrant(issued.grantId);
      return error(res, 'invalid_grant', 'The refresh token was already used.');
    }
    if (issued.expiresAt <= now()) return error(res, 'invalid_grant', 'The refresh token has expired.');
    const requested = params.get('scope');
    let scope = issued.scope;
    if (requested) {
      const granted = new Set(issued.scope.split(' '));
      const wanted = requested.split(' ').filter(Boolean);
      // RFC 6749 §6: the new scope may not include any scope not originally granted.
      if (wanted.some((name) => !granted.has(name)))
        return error(res, 'invalid_scope', 'The scope exceeds what the user granted.');
      scope = [...new Set(wanted)].join(' ');
    }
    const { issuerPath, clientId, email } = issued;
    if (context.options.rotateRefreshTokens === false) {
      // RFC 6749 §6 lets a provider keep the refresh token: a new access token only, the old one still good.
      log(`access token refreshed for ${client.clientId}, refresh token kept`);
      const tokens = grants.issueAccessTokenAnswer({ issuerPath, clientId, email, scope }, issued.grantId);
      return sendJson(res, 200, withProfileFields(context, tokens, email));
    }
    issued.used = true;
    log(`refresh token rotated for ${client.clientId}`);
    sendJson(
      res,
      200,
      withProfileFields(context, grants.issueTokenSet({ issuerPath, clientId, email, scope }, issued.grantId), email),
    );
  };

  return async (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
    const request = await readClientRequest(context, req, res, 'token');
    if (!request) return;
    const { client, params } = request;
    const grantType = params.get('grant_type');
    if (!grantType) return error(res, 'invalid_request', 'The request has no grant_type.');
    if (grantType == 'authorization_code') return exchangeCode(res, client, params, issuer);
    if (grantType == 'refresh_token') return refresh(res, client, params, issuer);
    return error(res, 'unsupported_grant_type', `Unsupported grant_type "${grantType}".`);
  };
};
