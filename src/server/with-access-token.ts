/**
 * The partner's own API routes in a Fetch runtime (Deno, Bun, Cloudflare Workers, Hono, Node's
 * `fetch` handlers): the route runs with a valid access token, or the request is answered for it.
 * `requireAccessToken` in `oauth-connect/server/node` is the same for Node's `(req, res, next)`;
 * both answer failures through `failure` in requests.ts, so the two never disagree.
 */
import type { AccessToken, AuthHandler } from './handler.js';
import { failure } from './requests.js';

/** A partner's route that needs the user's access token at `provider`. */
export type AccessTokenRoute = (request: Request, token: AccessToken) => Response | Promise<Response>;

/**
 * Wraps `route` so that it runs with a valid access token for `provider` (refreshed when it
 * expired), or answers JSON `{ error, error_description }` itself: 401 `login_required` when not
 * signed in, 503 when the session store is down, 502 when the provider cannot be reached (logged).
 * Either way the session's Set-Cookie goes with the response, so a refreshed or ended session
 * reaches the browser. Getting the token never rejects; what `route` throws is the partner's.
 */
export const withAccessToken =
  (handler: AuthHandler, provider: string, route: AccessTokenRoute) =>
  async (request: Request): Promise<Response> => {
    let token: AccessToken;
    try {
      token = await handler.getAccessToken(request, provider);
    } catch (error) {
      return failure(error, `withAccessToken(${provider})`);
    }
    const response = await route(request, token);
    if (!token.setCookie.length) return response;
    // A Response from fetch() or Response.redirect() has immutable headers: copy it to add ours.
    const withCookies = new Response(response.body, response);
    for (const cookie of token.setCookie) withCookies.headers.append('Set-Cookie', cookie);
    return withCookies;
  };
