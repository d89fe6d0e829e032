/**
 * The demo's back end, as a Vite plugin: `npm start` also starts the mock
 * provider on a second origin (so the popup really crosses origins), prints
 * its URL, and serves the routes a partner's server would have:
 * `POST /api/exchange` (code → tokens → user) and the built bundles under `/dist/`.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import {
  DEMO_CLIENT,
  DEMO_PUBLIC_CLIENT,
  DEMO_USER,
  startMockProvider,
  type RunningMockProvider,
} from '../src/mock-provider/index.js';
import { createAuthHandler, exchangeCode, TokenError } from '../src/server/index.js';
import { toNodeHandler } from '../src/server/node.js';

/** The provider URL written in the demo pages; replaced when the provider runs elsewhere. */
const PAGE_PROVIDER_URL = 'http://localhost:5174';

export interface MockProviderPluginOptions {
  /** Default: `$MOCK_PROVIDER_PORT`, else 5174. */
  port?: number;
}

export const mockProviderPlugin = (options: MockProviderPluginOptions = {}): Plugin => {
  let provider: RunningMockProvider | undefined;
  return {
    name: 'oauth-connect:mock-provider',
    apply: 'serve',
    async configureServer(server) {
      const port = options.port ?? Number(process.env.MOCK_PROVIDER_PORT || 5174);
      const demoPort = server.config.server.port ?? 5173;
      // Registered redirect URIs are compared exactly, so register the ones this dev server really has.
      const redirectUris = [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`].flatMap((origin) => [
        `${origin}/callback.html`,
        `${origin}/script-tag-callback.html`,
        `${origin}${COOP_PREFIX}/callback.html`,
      ]);
      provider = await startMockProvider({
        port,
        clients: [
          { ...DEMO_CLIENT, redirectUris },
          { ...DEMO_PUBLIC_CLIENT, redirectUris },
        ],
        users: [DEMO_USER],
      });
      const running = provider;
      server.httpServer?.once('close', () => void running.close());
      // The end-to-end tests' second provider, which approves at once (its knob is global,
      // so it must not be the one the UI tests sign in to). Only when the tests ask for it.
      const autoPort = Number(process.env.MOCK_PROVIDER_AUTO_PORT);
      if (autoPort) {
        const auto = await startMockProvider({
          port: autoPort,
          autoApprove: true,
          clients: [
            { ...DEMO_CLIENT, redirectUris },
            { ...DEMO_PUBLIC_CLIENT, redirectUris },
          ],
          users: [DEMO_USER],
        });
        server.httpServer?.once('close', () => void auto.close());
      }
      server.middlewares.use(callbackPageHeaders);
      server.middlewares.use(coopRoute);
      server.middlewares.use('/api/exchange', (req, res) => void exchangeRoute(running, req, res));
      // The server-bound mode: the partner's auth handler, mounted at /auth, as an Express app would.
      server.middlewares.use('/auth', authRoute(running, demoPort));
      server.middlewares.use('/dist', (req, res, next) => void distRoute(req, res, next));
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        printUrls();
        const info = (line: string) => server.config.logger.info(line);
        info(`  ➜  Mock provider: ${running.url}/  (a second origin, test only)`);
        info(
          `     client ${DEMO_CLIENT.clientId} / ${DEMO_CLIENT.clientSecret}, user ${DEMO_USER.email} / ${DEMO_USER.password}`,
        );
      };
    },
    // Vite's root is demo/, so a page's `../src/…` script (callback.html) asks for /src/…,
    // outside the root: resolve it to the project's sources.
    resolveId(id) {
      return id.startsWith('/src/') ? fileURLToPath(new URL(`..${id}`, import.meta.url)) : undefined;
    },
    transformIndexHtml(html) {
      return provider ? html.replaceAll(PAGE_PROVIDER_URL, provider.url) : html;
    },
  };
};

/**
 * The callback pages get `Referrer-Policy: no-referrer`, as README recommends to partners: their
 * URL carries the code until the script runs, and the request for that script is made first, with
 * the full URL as its Referer unless a policy says otherwise. The header covers every request the
 * page makes, whatever the markup (the pages' `<meta name="referrer">` only covers what follows it).
 */
const callbackPageHeaders = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
  if (/^[^?#]*callback\.html(?:[?#]|$)/.test(req.url ?? '')) res.setHeader('Referrer-Policy', 'no-referrer');
  next();
};

/**
 * `/coop/…` serves the demo's page of the same name with `Cross-Origin-Opener-Policy:
 * same-origin`, as a partner's hardened site would (the popup is then cut off from the
 * page: `window.opener` is null, `popup.closed` reads true). The plain paths are unchanged.
 */
export const COOP_PREFIX = '/coop';
const coopRoute = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
  if (req.url?.startsWith(COOP_PREFIX + '/')) {
    req.url = req.url.slice(COOP_PREFIX.length);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  }
  next();
};

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown> | undefined> => {
  // As Express's express.json(): a body without Content-Type: application/json is no body at all.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 16384) return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value == 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * What a partner's back end does with the `connect-success` detail of a code
 * flow: exchange the code with the client secret (never sent to the browser),
 * then call the provider's API with the access token.
 */
const exchangeRoute = async (provider: RunningMockProvider, req: IncomingMessage, res: ServerResponse) => {
  if (req.method != 'POST') return send(res, 405, { error: 'method_not_allowed' });
  const body = await readJson(req);
  const { code, redirectUri, codeVerifier } = body ?? {};
  if (typeof code != 'string' || typeof redirectUri != 'string' || (codeVerifier && typeof codeVerifier != 'string'))
    return send(res, 400, { error: 'invalid_request', error_description: 'Send { code, redirectUri, codeVerifier }.' });
  try {
    const tokens = await exchangeCode({
      tokenUrl: provider.tokenUrl,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      code,
      redirectUri,
      ...(typeof codeVerifier == 'string' && { codeVerifier }),
    });
    const me = await fetch(provider.userInfoUrl, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    if (!me.ok)
      return send(res, 502, { error: 'user_fetch_failed', error_description: `GET /v1/me: HTTP ${me.status}` });
    // The tokens stay on the server; the page only learns who signed in.
    send(res, 200, { user: await me.json(), scope: tokens.scope, expiresIn: tokens.expiresIn });
  } catch (error) {
    if (error instanceof TokenError)
      return send(res, error.status >= 500 || error.status == 0 ? 502 : 400, {
        error: error.error,
        error_description: error.errorDescription,
      });
    send(res, 500, { error: 'server_error', error_description: String(error) });
  }
};

/**
 * `createAuthHandler` for the demo's server-bound page: the mock provider under
 * the id `mock`, its endpoints named (the mock's plain OAuth 2 mode has no
 * discovery). The redirect URI follows the Host the browser used (localhost or 127.0.0.1).
 */
const authRoute = (provider: RunningMockProvider, port: number) => {
  const handlers = new Map<string, ReturnType<typeof toNodeHandler>>();
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host == `127.0.0.1:${port}` ? `127.0.0.1:${port}` : `localhost:${port}`;
    let handler = handlers.get(host);
    if (!handler) {
      handler = toNodeHandler(
        createAuthHandler({
          // A demo's secret; a real one comes from your environment, 32 characters or more.
          secret: 'oauth-connect-demo-secret-not-for-production',
          providers: {
            mock: {
              authorizeUrl: provider.authorizeUrl,
              tokenUrl: provider.tokenUrl,
              userInfoUrl: provider.userInfoUrl,
              revocationUrl: provider.revocationUrl,
              clientId: DEMO_CLIENT.clientId,
              clientSecret: DEMO_CLIENT.clientSecret,
              redirectUri: `http://${host}/callback.html`,
              scope: 'profile email',
            },
          },
        }),
      );
      handlers.set(host, handler);
    }
    handler(req, res);
  };
};

/** `/dist/*.js` for the script-tag page: the real built bundles, as a partner would serve them. */
const distRoute = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
  const name = /^\/([\w-]+\.js)$/.exec((req.url ?? '').split('?')[0] ?? '')?.[1];
  if (!name) return next();
  try {
    const code = await readFile(new URL(`../dist/${name}`, import.meta.url));
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(code);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(`console.error('oauth-connect demo: dist/${name} is missing; run \`npm run build\` first.');\n`);
  }
};
