/**
 * The URLs and headers of the providers oauth-connect knows, as their own
 * documents give them: one home for what both sides need (the element's presets
 * in `flow/providers.ts`, the server's profiles, the mock provider's profiles).
 * Constants only; imports nothing.
 */

/**
 * Ulule Connect, from its documentation page "Ulule Connect": "The Ulule Connect
 * URL is https://connect.ulule.com/oauth2/authorize/" and "Use the
 * `POST https://connect.ulule.com/oauth2/token/` endpoint", client credentials in
 * HTTP Basic. The trailing slashes are part of the URLs. Other Ulule pages name
 * token URLs on api.ulule.com and www.ulule.com: unverified, not used.
 */
export const ULULE_AUTHORIZE_URL = 'https://connect.ulule.com/oauth2/authorize/';
export const ULULE_TOKEN_URL = 'https://connect.ulule.com/oauth2/token/';
/** Ulule's REST API (`GET /me`, `GET /users/{id}/orders`), called with `Authorization: Bearer`. */
export const ULULE_API_BASE_URL = 'https://api.ulule.com/v1';

/**
 * UltraCart's authorization URL, from its OAuth guide ("it looks something like
 * https://secure.ultracart.com/admin/v2/oauth/authorize?client_id=…"). UltraCart's
 * public integrations also authorize at `…/rest/v2/oauth/authorize`.
 */
export const ULTRACART_AUTHORIZE_URL = 'https://secure.ultracart.com/admin/v2/oauth/authorize';
/**
 * UltraCart's REST API, from its SDKs' `docs/OauthApi.md` (JavaScript, PHP,
 * Python, Java, Ruby): "All URIs are relative to https://secure.ultracart.com/rest/v2".
 */
export const ULTRACART_API_BASE_URL = 'https://secure.ultracart.com/rest/v2';
/** SDK docs, `oauthAccessToken`: `POST /oauth/token` (form: client_id, grant_type, code, redirect_uri, refresh_token). */
export const ULTRACART_TOKEN_URL = `${ULTRACART_API_BASE_URL}/oauth/token`;
/**
 * SDK docs, `oauthRevoke`: `POST /oauth/revoke` (form: client_id, token), "Revoke
 * this OAuth application": it ends the application for the whole UltraCart
 * account, so it is not RFC 7009 and never belongs in an ordinary logout.
 */
export const ULTRACART_REVOKE_URL = `${ULTRACART_API_BASE_URL}/oauth/revoke`;
/**
 * Sent beside the Bearer header by both of UltraCart's public samples; whether
 * the API requires it is not documented, so it is always sent.
 */
export const ULTRACART_API_VERSION_HEADER = 'X-UltraCart-Api-Version';
export const ULTRACART_API_VERSION = '2017-03-01';
