import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { sendJson } from './http.js';

/** Authorization server metadata (RFC 8414). */
export const createMetadataEndpoint = (context: Context) => (req: IncomingMessage, res: ServerResponse) => {
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
    code_challenge_methods_supported: context.options.allowPlainPkce ? ['S256', 'plain'] : ['S256'],
    scopes_supported: Object.keys(context.scopes),
  });
};
