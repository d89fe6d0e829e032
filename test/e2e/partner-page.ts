import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthHandler } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';

/**
 * A partner's site on one loopback origin, as a browser test needs it without
 * Vite: a blank page that loads the built element (dist/oauth-connect.js, with the
 * modes and languages beside it), the callback page (dist/callback.js), and
 * optionally an auth handler under /auth.
 * The port is known before the handler exists (it needs the redirect URI), so
 * the handler is set afterwards with `mount`.
 */
export interface PartnerPage {
  origin: string;
  redirectUri: string;
  mount(handler: AuthHandler): void;
  close(): Promise<void>;
}

const page = (script: string, title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
  `<title>${title}</title><script type="module" src="${script}"></script></head><body></body></html>`;

export const startPartnerPage = async (): Promise<PartnerPage> => {
  const dist = new URL('../../dist/', import.meta.url);
  const [element, callback] = await Promise.all([
    readFile(new URL('oauth-connect.js', dist), 'utf8'),
    readFile(new URL('callback.js', dist), 'utf8'),
  ]);
  const files: Record<string, [string, string]> = {
    '/': ['text/html', page('/oauth-connect.js', 'Partner')],
    '/callback.html': ['text/html', page('/callback.js', 'Signing in…')],
    '/oauth-connect.js': ['text/javascript', element],
    '/callback.js': ['text/javascript', callback],
  };
  // What the bundle imports from beside it when an element needs it: modes/*.js, locales/*.js.
  for (const folder of ['modes', 'locales'])
    for (const name of await readdir(new URL(folder, dist)))
      files[`/${folder}/${name}`] = ['text/javascript', await readFile(new URL(`${folder}/${name}`, dist), 'utf8')];
  let auth: ReturnType<typeof toNodeHandler> | undefined;
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://localhost').pathname];
    const serveFile = () => {
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': `${file[0]}; charset=utf-8`, 'Cache-Control': 'no-store' });
      res.end(file[1]);
    };
    if (auth) void auth(req, res, serveFile);
    else serveFile();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    redirectUri: `${origin}/callback.html`,
    mount: (handler) => {
      auth = toNodeHandler(handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
