import { createHash, randomBytes } from 'node:crypto';
import {
  startMockProvider,
  type RunningMockProvider,
  type StartMockProviderOptions,
} from '../../src/mock-provider/index.js';

export const CLIENT = { id: 'demo-client', secret: 'demo-secret' };
export const PUBLIC_CLIENT = 'demo-public-client';
export const REDIRECT_URI = 'http://localhost:5173/callback.html';

/** A provider of its own for each test file: the knobs and the clock change only its state. */
export const startProvider = (options: StartMockProviderOptions = {}): Promise<RunningMockProvider> =>
  startMockProvider({ port: 0, autoApprove: true, ...options });

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export const pkcePair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export interface CodeRequest {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  challenge?: string;
  method?: 'S256' | 'plain';
}

/** Runs the authorization request (auto-approved) and returns the code from the redirect. */
export const getCode = async (provider: RunningMockProvider, request: CodeRequest = {}): Promise<string> => {
  const url = new URL(provider.authorizeUrl);
  url.searchParams.set('client_id', request.clientId ?? CLIENT.id);
  url.searchParams.set('redirect_uri', request.redirectUri ?? REDIRECT_URI);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', 'xyz');
  if (request.scope) url.searchParams.set('scope', request.scope);
  if (request.challenge) {
    url.searchParams.set('code_challenge', request.challenge);
    url.searchParams.set('code_challenge_method', request.method ?? 'S256');
  }
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status != 302 || !location) throw new Error(`authorize: HTTP ${response.status}`);
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`authorize: no code in ${location}`);
  return code;
};

/** POSTs a form to the token endpoint, with Basic client authentication unless `auth` is null. */
export const postToken = (
  provider: RunningMockProvider,
  form: Record<string, string> | string,
  init: { auth?: string | null; contentType?: string | null } = {},
) => {
  const headers: Record<string, string> = {};
  const auth = init.auth === undefined ? basic(CLIENT.id, CLIENT.secret) : init.auth;
  if (auth) headers.Authorization = auth;
  const contentType = init.contentType === undefined ? 'application/x-www-form-urlencoded' : init.contentType;
  if (contentType) headers['Content-Type'] = contentType;
  return fetch(provider.tokenUrl, {
    method: 'POST',
    headers,
    body: typeof form == 'string' ? form : new URLSearchParams(form).toString(),
  });
};

export const exchangeForm = (code: string, extra: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code,
  redirect_uri: REDIRECT_URI,
  ...extra,
});

export const getMe = (provider: RunningMockProvider, token: string | undefined, header?: string) =>
  fetch(provider.userInfoUrl, {
    headers: header !== undefined ? { Authorization: header } : token ? { Authorization: `Bearer ${token}` } : {},
  });
