import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { sendJson } from './http.js';

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

/** The protected resource `/v1/me`: the signed-in user (RFC 6750 for the Bearer token). */
export const createResourceEndpoint = (context: Context) => {
  const { accounts, grants, knobs, now } = context;
  return (req: IncomingMessage, res: ServerResponse) => {
    const challenge = (error?: string, description?: string) =>
      [
        'Bearer realm="mock-provider"',
        error && `error=${quoted(error)}`,
        description && `error_description=${quoted(description)}`,
      ]
        .filter(Boolean)
        .join(', ');
    const fail = (error: string, description: string) =>
      sendJson(
        res,
        resourceErrorStatus(error),
        { error, error_description: description },
        { 'WWW-Authenticate': challenge(error, description) },
      );
    if (req.method != 'GET') {
      req.resume();
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use GET.' }, { Allow: 'GET, OPTIONS' });
    }
    const failure = knobs.takeForced('userinfo');
    if (failure) return fail(failure.error, failure.errorDescription ?? `Forced ${failure.error}.`);
    const header = req.headers.authorization;
    // RFC 6750 §3.1: a request without credentials gets a challenge and no error code.
    if (!header)
      return sendJson(
        res,
        401,
        { error: 'invalid_token', error_description: 'No access token.' },
        { 'WWW-Authenticate': challenge() },
      );
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!match?.[1]) return fail('invalid_request', 'Malformed Authorization header; expected "Bearer <token>".');
    const issued = grants.accessTokens.get(match[1]);
    if (!issued || grants.isRevoked(issued.grantId))
      return fail('invalid_token', 'The access token is unknown or revoked.');
    if (issued.expiresAt <= now()) return fail('invalid_token', 'The access token has expired.');
    const user = accounts.users.get(issued.email);
    if (!user) return fail('invalid_token', 'The account no longer exists.');
    const granted = issued.scope.split(' ');
    sendJson(res, 200, {
      id: user.id,
      name: user.name,
      ...(granted.includes('email') && { email: user.email }),
      scope: issued.scope,
    });
  };
};
