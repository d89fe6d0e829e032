import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApiEndpoints } from './apis.js';
import { createAuthorizeEndpoint } from './authorize.js';
import type { Context } from './context.js';
import type { Issuer } from './issuers.js';
import { createMetadataEndpoints, JWKS_PATH, OIDC_PATH, RFC8414_PATH } from './metadata.js';
import type { MockProfile } from './profiles.js';
import { createResourceEndpoints } from './resources.js';
import { createApplicationRevocationEndpoint, createRevocationEndpoint } from './revocation.js';
import { createTokenEndpoint } from './token.js';
import type { MockEndpoint } from './types.js';

type Run = (req: IncomingMessage, res: ServerResponse, issuer: Issuer, url: URL) => unknown;

/** An endpoint below an issuer's path; those a browser app may call directly answer CORS. */
export interface Route {
  run: Run;
  cors?: boolean;
  /** Recorded in the request log (and delayed by the delay knob) as this endpoint. */
  protocol?: MockEndpoint;
}

/**
 * Which endpoint serves a path below an issuer's: the mock's generic table
 * (`/oauth2/…`, `/v1/me`, discovery; a trailing slash optional), or, as a
 * provider (`profile`), that provider's own paths exactly as it documents them,
 * trailing slashes included, and its API below its base path.
 */
export const createRoutes = (context: Context) => {
  const authorize = createAuthorizeEndpoint(context);
  const resources = createResourceEndpoints(context);
  const authorizeRoute: Route = {
    run: (req, res, issuer, url) => authorize(req, res, url, issuer),
    protocol: 'authorize',
  };
  const tokenRoute: Route = { run: createTokenEndpoint(context), cors: true, protocol: 'token' };
  const meRoute: Route = { run: resources.me, cors: true, protocol: 'userinfo' };

  const genericTable = (): Record<string, Route> => {
    const wellKnown = createMetadataEndpoints(context);
    return {
      '/oauth2/authorize': authorizeRoute,
      '/oauth2/token': tokenRoute,
      '/oauth2/revoke': { run: createRevocationEndpoint(context), cors: true, protocol: 'revocation' },
      '/oauth2/userinfo': { run: resources.userinfo, cors: true, protocol: 'userinfo' },
      '/v1/me': meRoute,
      [OIDC_PATH]: { run: wellKnown.openidConfiguration, cors: true },
      [RFC8414_PATH]: { run: wellKnown.metadata, cors: true },
      [JWKS_PATH]: { run: wellKnown.jwks, cors: true },
    };
  };

  const profileTable = (profile: MockProfile): Record<string, Route> => ({
    ...Object.fromEntries(profile.authorizePaths.map((path) => [path, authorizeRoute])),
    [profile.tokenPath]: tokenRoute,
    ...(profile.revocation.style == 'application' && {
      [profile.revocation.path]: {
        run: createApplicationRevocationEndpoint(context),
        cors: true,
        protocol: 'revocation',
      },
    }),
    ...(profile.userInfoPath && { [profile.userInfoPath]: meRoute }),
  });

  const { profile } = context;
  const table = profile ? profileTable(profile) : genericTable();
  const api = profile && createApiEndpoints(context, profile, resources.authorize);
  const apiPrefix = profile && `${profile.apiBasePath}/`;
  const apiRoute = (rest: string): Route | undefined =>
    api && apiPrefix && rest.startsWith(apiPrefix)
      ? {
          run: (req, res, issuer) => {
            if (api(req, res, issuer, rest.slice(profile.apiBasePath.length))) return;
            req.resume();
            res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
            res.end(
              JSON.stringify({ error: 'not_found', error_description: `This mock's API has nothing at ${rest}.` }),
            );
          },
          cors: true,
          protocol: 'api',
        }
      : undefined;

  return {
    /** The route for a path below an issuer's, if any (the user-info ones only while the `userInfo` knob is on). */
    find: (rest: string): Route | undefined => {
      const route = table[profile ? rest : rest.replace(/(.)\/$/, '$1')] ?? apiRoute(rest);
      return route?.protocol == 'userinfo' && !context.knobs.userInfo ? undefined : route;
    },
    /** Why a path a provider would not serve is close to one it does: Ulule's need their trailing slash. */
    hint: (rest: string): string | undefined =>
      profile && table[`${rest}/`] ? ` This provider's URLs end with a slash: ${rest}/.` : undefined,
  };
};
