import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { sendJson } from './http.js';
import { ID_TOKEN_ALG } from './keys.js';
import type { Issuer } from './issuers.js';

export const RFC8414_PATH = '/.well-known/oauth-authorization-server';
export const OIDC_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/.well-known/jwks.json';

/** Whether any client speaks OpenID Connect (then the provider publishes its OpenID configuration). */
export const oidcAnywhere = (context: Context) =>
  Boolean(context.options.oidc) || [...context.accounts.clients.values()].some((client) => client.oidc);

/**
 * Authorization server metadata (RFC 8414), which is also the OpenID Provider
 * configuration (OpenID Connect Discovery 1.0 §3) when OpenID Connect is on.
 */
export const metadataOf = (context: Context, issuer: Issuer) => {
  const base = issuer.id;
  const oidc = oidcAnywhere(context);
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/authorize/`,
    token_endpoint: `${base}/oauth2/token/`,
    revocation_endpoint: `${base}/oauth2/revoke/`,
    ...(context.knobs.userInfo && { userinfo_endpoint: oidc ? `${base}/oauth2/userinfo` : `${base}/v1/me` }),
    ...(oidc && { jwks_uri: `${base}${JWKS_PATH}` }),
    response_types_supported: ['code', 'token'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'implicit'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: context.options.allowPlainPkce ? ['S256', 'plain'] : ['S256'],
    scopes_supported: Object.keys(context.scopes),
    // RFC 9207 §3: every authorization response carries `iss`.
    authorization_response_iss_parameter_supported: true,
    ...(oidc && {
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ID_TOKEN_ALG],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'email', 'email_verified'],
    }),
  };
};

/** The well-known documents: RFC 8414 metadata, the OpenID configuration, the JWKS. */
export const createMetadataEndpoints = (context: Context) => ({
  metadata: (_req: IncomingMessage, res: ServerResponse, issuer: Issuer) =>
    sendJson(res, 200, metadataOf(context, issuer)),
  openidConfiguration: (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
    req.resume();
    if (!oidcAnywhere(context))
      return sendJson(res, 404, {
        error: 'not_found',
        error_description: 'OpenID Connect is off: start the provider with oidc: true, or a client with oidc: true.',
      });
    sendJson(res, 200, metadataOf(context, issuer));
  },
  jwks: (_req: IncomingMessage, res: ServerResponse, issuer: Issuer) =>
    sendJson(res, 200, context.keys.jwks(issuer.path)),
});
