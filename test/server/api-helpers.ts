/**
 * What the API tests share: handlers for the mock as Ulule and as UltraCart
 * with their API, a small HTTP server that answers what the mock never
 * does (a redirect, a provider's Set-Cookie, a 401 whatever the token), and
 * the handler behind a real Node server for request lines no fetch would send.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, type AuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';
import { sendWebResponse, toNodeHandler, toWebRequest } from '../../src/server/node.js';
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

/**
 * The handler behind a real Node HTTP server, as a partner mounts it: `toNodeHandler`, or an
 * Express-style route that hands `toWebRequest(req)` to the Fetch handler.
 */
export const startNodeServer = async (handler: AuthHandler, mount: 'toNodeHandler' | 'toWebRequest') => {
  const mounted = toNodeHandler(handler);
  const server = createServer((req, res) => {
    if (mount == 'toNodeHandler') void mounted(req, res);
    else void handler(toWebRequest(req)).then((response) => sendWebResponse(response, res));
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /**
     * A GET with `target` in the request line exactly as given: `http.request` sends its `path`
     * as is, where `fetch` and `new Request` would first resolve `..` and turn `\` into `/`.
     */
    get: (target: string, headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        request({ host: 'localhost', port, path: target, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        })
          .on('error', reject)
          .end();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
