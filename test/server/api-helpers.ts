/**
 * What the API tests share: handlers for the mock as Ulule and as UltraCart
 * with their API, and a small HTTP server that answers what the mock never
 * does (a redirect, a provider's Set-Cookie, a 401 whatever the token).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';
import { CLIENT, REDIRECT_URI, SECRET } from './helpers.js';

/** The mock as `profile`, its URLs given beside the profile (which they replace). */
export const profiled = (provider: RunningMockProvider, profile: 'ulule' | 'ultracart', allow?: string[]) => ({
  profile,
  authorizeUrl: provider.authorizeUrl,
  tokenUrl: provider.tokenUrl,
  ...(profile == 'ulule' ? { userInfoUrl: provider.userInfoUrl } : { revocationUrl: provider.revocationUrl }),
  clientId: CLIENT.id,
  clientSecret: CLIENT.secret,
  redirectUri: REDIRECT_URI,
  api: { baseUrl: provider.apiBaseUrl, hosts: [new URL(provider.url).host], ...(allow && { allow }) },
});

/** UltraCart says nothing of who connected: the partner names the account (here, a store id it chose). */
export const namedStore: AuthHandlerOptions['onSignIn'] = () => ({ id: 'DEMO', name: 'Demo store' });

export const handlerAs = (
  provider: RunningMockProvider,
  profile: 'ulule' | 'ultracart',
  { allow, ...extra }: Partial<AuthHandlerOptions> & { allow?: string[] } = {},
) =>
  createAuthHandler({
    secret: SECRET,
    providers: { [profile]: profiled(provider, profile, allow) },
    ...(profile == 'ultracart' && { onSignIn: namedStore }),
    ...extra,
  });

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A stand-in API on localhost: `/redirect`, `/cookie`, `/always-401`, `/large`; it records what it got. */
export const startOddApi = async () => {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    if (req.url == '/redirect') {
      res.writeHead(302, { Location: 'https://elsewhere.example/' }).end();
    } else if (req.url == '/cookie') {
      res
        .writeHead(200, {
          'Content-Type': 'application/json',
          'Set-Cookie': 'provider_session=abc; Path=/',
          'X-Internal': 'yes',
        })
        .end('{"ok":true}');
    } else if (req.url == '/always-401') {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }).end();
    } else if (req.url == '/large') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('x'.repeat(64 * 1024));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url,
    host: new URL(url).host,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
