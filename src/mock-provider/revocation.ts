import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { sendJson } from './http.js';
import type { Issuer } from './issuers.js';
import { readClientRequest, readForm, tokenError } from './token.js';

/**
 * Token revocation (RFC 7009), for every client: the same client
 * authentication as the token endpoint. A refresh token takes its whole grant
 * with it (every access token issued from it, §2.1); an access token goes alone.
 */
export const createRevocationEndpoint = (context: Context) => {
  const { grants, log } = context;
  return async (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
    const request = await readClientRequest(context, req, res, 'revocation');
    if (!request) return;
    const { client, params } = request;
    const token = params.get('token');
    if (!token) return tokenError(context, res, 'invalid_request', 'The request has no token.');
    // §2.1: the hint only says where to look first; both stores are searched.
    const access = grants.accessTokens.get(token);
    const refresh = grants.refreshTokens.get(token);
    const found = access ?? refresh;
    // §2.2: an unknown, expired or already revoked token is no error: 200 all the same.
    if (found && found.issuerPath == issuer.path) {
      if (found.clientId != client.clientId) {
        // As panva's oidc-provider: a public client learns nothing (200, nothing revoked),
        // a confidential one is told it may not revoke another client's token.
        if (!client.clientSecret) return sendJson(res, 200, {});
        return tokenError(context, res, 'invalid_request', 'This token was not issued to this client.');
      }
      if (refresh) grants.revokeGrant(refresh.grantId);
      else grants.accessTokens.delete(token);
      log(`${refresh ? 'refresh' : 'access'} token revoked by ${client.clientId}`);
    }
    sendJson(res, 200, {});
  };
};

/**
 * UltraCart's own revoke (SDK docs, `oauthRevoke`: `POST /oauth/revoke`, form
 * `client_id` and `token`, "Revoke this OAuth application"): it ends the
 * application for the whole account, so every token the client holds for the
 * token's user goes, not only the one sent. The docs name no client secret: the
 * token itself is the proof. The answer is the SDK's `OauthRevokeSuccessResponse`
 * (`successful`, `message`); in this mock an unknown token answers 400.
 */
export const createApplicationRevocationEndpoint = (context: Context) => {
  const { grants, log } = context;
  return async (req: IncomingMessage, res: ServerResponse, issuer: Issuer) => {
    const form = await readForm(context, req, res, 'revocation');
    if (!form) return;
    const clientId = form.params.get('client_id');
    const token = form.params.get('token');
    const refuse = (message: string) => sendJson(res, 400, { successful: false, message });
    if (!clientId || !token) return refuse('The request needs client_id and token.');
    const issued = grants.accessTokens.get(token) ?? grants.refreshTokens.get(token);
    if (!issued || issued.issuerPath != issuer.path || issued.clientId != clientId || grants.isRevoked(issued.grantId))
      return refuse('No such token for this application.');
    const count = grants.revokeMatching({ clientId, user: issued.email });
    log(`application ${clientId} revoked for ${issued.email} (${count} tokens)`);
    sendJson(res, 200, { successful: true, message: 'The OAuth application was revoked for this account.' });
  };
};
