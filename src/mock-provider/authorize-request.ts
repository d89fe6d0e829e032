import type { Params } from './http.js';
import type { Context } from './context.js';
import type { MockClient } from './types.js';

/** A validated authorization request (RFC 6749 §4.1.1 / §4.2.1, RFC 7636 §4.3). */
export interface AuthorizationRequest {
  client: MockClient;
  redirectUri: string;
  responseType: 'code' | 'token';
  state: string | undefined;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  prompt: string | undefined;
  /** OpenID Connect: the client speaks it and asked for `openid`. */
  oidc: boolean;
  nonce: string | undefined;
  iss: string | undefined;
}

/** Why an authorization request failed, and whether it is safe to tell the client by redirect. */
export type AuthorizationFailure =
  | { redirect: false; error: string; description: string }
  | { redirect: true; error: string; description: string; target: RedirectTarget };

export interface RedirectTarget {
  redirectUri: string;
  responseType: 'code' | 'token';
  state: string | undefined;
  /** RFC 9207: the issuer identifier in every authorization response (unless a knob says otherwise). */
  iss: string | undefined;
}

export const PKCE_SYNTAX = /^[A-Za-z0-9\-._~]{43,128}$/; // RFC 7636 §4.1

/**
 * Validates an authorization request. The client and redirect URI are checked
 * first: until both are known to be good, errors are shown, never redirected,
 * so the endpoint cannot be used as an open redirector (RFC 6749 §4.1.2.1, §10.15).
 */
export const validateAuthorization = (
  context: Context,
  params: Params,
  iss: string | undefined,
): AuthorizationRequest | AuthorizationFailure => {
  const { scopes, defaultScope } = context;
  const fail = (error: string, description: string) => ({ redirect: false as const, error, description });
  for (const name of ['client_id', 'redirect_uri']) {
    if (params.duplicate == name) return fail('invalid_request', `The parameter ${name} appears more than once.`);
  }
  const clientId = params.get('client_id');
  if (!clientId) return fail('invalid_request', 'The request has no client_id.');
  const client = context.accounts.clients.get(clientId);
  if (!client) return fail('invalid_client', `No application is registered with the client ID "${clientId}".`);
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return fail('invalid_request', 'The request has no redirect_uri.');
  // Exact string comparison: no prefix, wildcard or normalisation (RFC 9700 §4.1.3).
  if (!client.redirectUris.includes(redirectUri))
    return fail('invalid_request', `The redirect URI ${redirectUri} is not registered for ${client.name}.`);

  const rawResponseType = params.get('response_type');
  const responseType = rawResponseType == 'code' || rawResponseType == 'token' ? rawResponseType : 'code';
  const target: RedirectTarget = { redirectUri, responseType, state: params.get('state'), iss };
  const bounce = (error: string, description: string) => ({ redirect: true as const, error, description, target });
  if (params.duplicate) return bounce('invalid_request', `The parameter ${params.duplicate} appears more than once.`);
  if (!rawResponseType) return bounce('invalid_request', 'The request has no response_type.');
  if (rawResponseType != 'code' && rawResponseType != 'token')
    return bounce('unsupported_response_type', `response_type must be "code" or "token", not "${rawResponseType}".`);

  const requested = (params.get('scope') ?? defaultScope).split(' ').filter(Boolean);
  const speaksOidc = client.oidc ?? context.options.oidc ?? false;
  const unknown = requested.filter((name) => !Object.hasOwn(scopes, name) && !(name == 'openid' && speaksOidc));
  if (unknown.includes('openid'))
    return bounce('invalid_scope', `${client.name} is not an OpenID Connect client here: the openid scope is off.`);
  if (unknown.length) return bounce('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  const scope = [...new Set(requested)].join(' ') || defaultScope;
  const oidc = speaksOidc && scope.split(' ').includes('openid');
  const nonce = params.get('nonce');
  if (nonce && nonce.length > 512) return bounce('invalid_request', 'The nonce is longer than 512 characters.');

  let codeChallenge: string | undefined;
  let codeChallengeMethod: 'S256' | 'plain' | undefined;
  if (responseType == 'code') {
    codeChallenge = params.get('code_challenge');
    const method = params.get('code_challenge_method');
    if (method && !codeChallenge) return bounce('invalid_request', 'code_challenge_method without code_challenge.');
    if (codeChallenge) {
      const allowPlain = context.options.allowPlainPkce ?? false;
      // RFC 7636 §4.3 reads a missing method as plain. Where plain is refused, so is the
      // missing method, with a message that says so (as panva's oidc-provider does),
      // rather than a guess at S256 that would fail later at the token endpoint.
      if (!method && !allowPlain)
        return bounce(
          'invalid_request',
          'code_challenge_method is missing, which means plain (RFC 7636 §4.3); this provider takes S256 only.',
        );
      if (method && method != 'S256' && (method != 'plain' || !allowPlain))
        return bounce('invalid_request', `Unsupported code_challenge_method "${method}"; use S256.`);
      if (!PKCE_SYNTAX.test(codeChallenge)) return bounce('invalid_request', 'Malformed code_challenge.');
      codeChallengeMethod = (method as 'S256' | 'plain' | undefined) ?? 'plain';
    } else if (!client.clientSecret) {
      // A public client cannot authenticate, so only PKCE binds the code to it (RFC 9700 §2.1.1).
      return bounce('invalid_request', 'PKCE is required for this client: send code_challenge.');
    }
  }
  return {
    client,
    redirectUri,
    responseType,
    state: target.state,
    scope,
    codeChallenge,
    codeChallengeMethod,
    prompt: params.get('prompt'),
    oidc,
    nonce,
    iss,
  };
};

/**
 * The redirect back to the client: the query for `code`, the fragment for
 * `token` (RFC 6749 §4.1.2, §4.2.2), with `iss` (RFC 9207 §2) after `state`.
 */
export const redirectBack = (target: RedirectTarget, values: Record<string, string | undefined>): string => {
  const url = new URL(target.redirectUri);
  const result = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, state: target.state, iss: target.iss }))
    if (value !== undefined) result.set(name, value);
  if (target.responseType == 'token') url.hash = result.toString();
  else for (const [name, value] of result) url.searchParams.append(name, value);
  return url.href;
};
