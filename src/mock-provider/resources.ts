import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import type { IssuedToken } from './grants.js';
import { sendJson } from './http.js';
import type { Issuer } from './issuers.js';
import type { MockEndpoint, MockUser } from './types.js';

/** What a valid Bearer token gives a resource: the token and its account. */
export interface Bearer {
  token: IssuedToken;
  user: Required<MockUser>;
}

/** Checks a resource request's Bearer token; answers the error itself and returns undefined when it fails. */
export type BearerCheck = (
  req: IncomingMessage,
  res: ServerResponse,
  issuer: Issuer,
  methods: string[],
  endpoint: Extract<MockEndpoint, 'userinfo' | 'api'>,
) => Bearer | undefined;

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

/** A quoted-string of RFC 9110 §5.6.4: `"` and `\` escaped, so a description cannot end the quotes. */
const quoted = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;

/**
 * The protected resources, behind a Bearer token (RFC 6750): `/v1/me` (the
 * user, as Ulule's API gives it) and OpenID Connect's `/oauth2/userinfo`
 * (Core §5.3: `sub` and the claims the scope allows). The providers' other
 * API resources are in `apis.ts`.
 */
export const createResourceEndpoints = (context: Context) => {
  const { accounts, grants, knobs, now } = context;

  const authorize: BearerCheck = (req, res, issuer, methods, endpoint) => {
    const challenge = (error?: string, description?: string) =>
      [
        'Bearer realm="mock-provider"',
        error && `error=${quoted(error)}`,
        description && `error_description=${quoted(description)}`,
      ]
        .filter(Boolean)
        .join(', ');
    const fail = (error: string, description: string) => {
      sendJson(
        res,
        resourceErrorStatus(error),
        { error, error_description: description },
        { 'WWW-Authenticate': challenge(error, description) },
      );
      return undefined;
    };
    req.resume();
    if (!methods.includes(req.method ?? '')) {
      const allow = [...methods, 'OPTIONS'].join(', ');
      sendJson(
        res,
        405,
        { error: 'invalid_request', error_description: `Use ${methods.join(' or ')}.` },
        { Allow: allow },
      );
      return undefined;
    }
    const failure = knobs.takeForced(endpoint);
    if (failure) return fail(failure.error, failure.errorDescription ?? `Forced ${failure.error}.`);
    const header = req.headers.authorization;
    // RFC 6750 §3.1: a request without credentials gets a challenge and no error code.
    if (!header) {
      sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'No access token.' },
        { 'WWW-Authenticate': challenge() },
      );
      return undefined;
    }
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match?.[1]) return fail('invalid_request', 'Malformed Authorization header; expected "Bearer <token>".');
    const token = grants.accessTokens.get(match[1]);
    // Another issuer's token is unknown here, as it would be at another provider.
    if (!token || token.issuerPath != issuer.path || grants.isRevoked(token.grantId))
      return fail('invalid_token', 'The access token is unknown or revoked.');
    if (token.expiresAt <= now()) return fail('invalid_token', 'The access token has expired.');
    const user = accounts.users.get(token.email);
    if (!user) return fail('invalid_token', 'The account no longer exists.');
    return { token, user };
  };

  return {
    authorize,
    me: (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
      const found = authorize(req, res, issuer, ['GET'], 'userinfo');
      if (!found) return;
      const { token, user } = found;
      sendJson(res, 200, {
        // Ulule's API gives the user's id as an integer; the generic mock keeps its string ids.
        id: context.profile?.name == 'ulule' && /^\d+$/.test(user.id) ? Number(user.id) : user.id,
        name: user.name,
        ...(token.scope.split(' ').includes('email') && { email: user.email }),
        scope: token.scope,
      });
    },
    userinfo: (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
      // OpenID Connect Core §5.3.1: GET or POST.
      const found = authorize(req, res, issuer, ['GET', 'POST'], 'userinfo');
      if (!found) return;
      const { token, user } = found;
      const granted = token.scope.split(' ');
      if (!granted.includes('openid')) {
        const description = 'The userinfo endpoint needs a token with the openid scope.';
        return sendJson(
          res,
          403,
          { error: 'insufficient_scope', error_description: description },
          { 'WWW-Authenticate': `Bearer realm="mock-provider", error="insufficient_scope", scope="openid"` },
        );
      }
      sendJson(res, 200, {
        sub: user.id,
        ...(granted.includes('profile') && { name: user.name }),
        ...(granted.includes('email') && { email: user.email, email_verified: true }),
      });
    },
  };
};
