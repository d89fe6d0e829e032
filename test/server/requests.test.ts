/**
 * How the handler sees a request: behind a proxy it is told to trust, the scheme and host the
 * browser used; given once, to createAuthHandler, with the Node adapter's own options only allowed
 * to agree; and a Node `req` where a Fetch Request belongs said at once.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { createAuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';
import { toNodeHandler, toWebRequest } from '../../src/server/node.js';
import { SECRET } from './helpers.js';

const handler = (extra: Partial<AuthHandlerOptions> = {}) =>
  createAuthHandler({
    secret: SECRET,
    providers: {
      mock: {
        authorizeUrl: 'https://provider.example/authorize',
        tokenUrl: 'https://provider.example/token',
        userInfoUrl: 'https://provider.example/me',
        clientId: 'partner',
        clientSecret: 'partner-secret',
        redirectUri: 'https://partner.example/callback.html',
      },
    },
    ...extra,
  });

/** The element's start, as nginx passes it on: to the app's loopback address, with the forwarded headers. */
const proxiedStart = (forwarded: Record<string, string>) =>
  new Request('http://127.0.0.1:3000/auth/start', {
    method: 'POST',
    headers: {
      Origin: 'https://partner.example',
      'OAuth-Connect': '1',
      'Content-Type': 'application/json',
      ...forwarded,
    },
    body: JSON.stringify({ provider: 'mock' }),
  });

const FORWARDED = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'partner.example' };

describe('trustProxy', () => {
  test('with it, the forwarded scheme and host are the origin: the start is accepted, its cookie __Host- and Secure', async () => {
    const response = await handler({ trustProxy: true })(proxiedStart(FORWARDED));
    assert.equal(response.status, 200, await response.clone().text());
    const [cookie] = response.headers.getSetCookie();
    assert.match(cookie!, /^__Host-oauth-connect-flow=.*; Secure/);
  });

  test('without it, the same headers are ignored (a client could send them) and the POST refused', async () => {
    const response = await handler()(proxiedStart(FORWARDED));
    assert.equal(response.status, 403);
  });

  test('the first of a list is the browser’s side', async () => {
    const response = await handler({ trustProxy: true })(
      proxiedStart({ 'X-Forwarded-Proto': 'https, http', 'X-Forwarded-Host': 'partner.example, 10.0.0.2' }),
    );
    assert.equal(response.status, 200);
  });
});

describe('the handler says where it is mounted and whether it trusts a proxy', () => {
  test('basePath and trustProxy, read-only', () => {
    const auth = handler({ basePath: '/api/auth/', trustProxy: true });
    assert.equal(auth.basePath, '/api/auth');
    assert.equal(auth.trustProxy, true);
    assert.throws(() => Object.assign(auth, { basePath: '/elsewhere' }), TypeError);
    assert.equal(handler().basePath, '/auth');
    assert.equal(handler().trustProxy, false);
  });

  test("toNodeHandler's own options may only agree with the handler's, else it throws at start-up", () => {
    const auth = handler({ basePath: '/api/auth', trustProxy: true });
    assert.doesNotThrow(() => toNodeHandler(auth, { basePath: '/api/auth', trustProxy: true }));
    assert.throws(
      () => toNodeHandler(auth, { basePath: '/auth' }),
      /basePath \(\/auth\) disagrees with the handler's \(\/api\/auth\)/,
    );
    assert.throws(
      () => toNodeHandler(auth, { trustProxy: false }),
      /trustProxy \(false\) disagrees .* createAuthHandler\(\{ trustProxy \}\)/,
    );
  });
});

describe("toWebRequest: the request's URL", () => {
  test('a path starting // or /\\ stays a path on this host, not another host', async () => {
    const urls: string[] = [];
    const server = createServer((req, res) => {
      urls.push(toWebRequest(req).url);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // `http.request` sends the path as given; a URL parser would take `//evil.example` for a host.
      for (const path of ['//evil.example/auth/session', '/\\evil.example/auth/session?a=1'])
        await new Promise<void>((resolve, reject) =>
          request({ host: 'localhost', port, path }, (res) => res.resume().on('end', resolve))
            .on('error', reject)
            .end(),
        );
    } finally {
      server.close();
    }
    assert.deepEqual(urls, [
      `http://localhost:${port}//evil.example/auth/session`,
      `http://localhost:${port}//evil.example/auth/session?a=1`,
    ]);
  });
});

describe("toWebRequest's deprecated trustProxy: the handler's rule, not one of its own", () => {
  /** The URL toWebRequest gives a request with these headers, over real HTTP. */
  const urlFor = async (headers: Record<string, string>, options?: { trustProxy?: boolean }) => {
    let url = '';
    const server = createServer((req, res) => {
      url = toWebRequest(req, options).url;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await new Promise<void>((resolve, reject) =>
        request({ host: 'localhost', port, path: '/auth/session', headers }, (res) => res.resume().on('end', resolve))
          .on('error', reject)
          .end(),
      );
    } finally {
      server.close();
    }
    return { url, port };
  };

  test("the forwarded scheme and host, the first of each list; a host without a port has the scheme's own", async () => {
    const { url } = await urlFor(
      { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'app.example, 127.0.0.1' },
      { trustProxy: true },
    );
    assert.equal(url, 'https://app.example/auth/session');
  });

  test('a scheme other than http or https is ignored, as the handler ignores it', async () => {
    const { url, port } = await urlFor({ 'x-forwarded-proto': 'javascript' }, { trustProxy: true });
    assert.equal(url, `http://localhost:${port}/auth/session`);
  });

  test('without it, the forwarded headers are never read', async () => {
    const { url, port } = await urlFor({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example' });
    assert.equal(url, `http://localhost:${port}/auth/session`);
  });
});

describe('a Node req where a Fetch Request belongs', () => {
  const req = { headers: { cookie: 'a=b' }, url: '/api/orders', method: 'GET' } as unknown as Request;
  for (const [name, call] of [
    ['getAccessToken', (auth: ReturnType<typeof handler>) => auth.getAccessToken(req, 'mock')],
    ['getSession', (auth: ReturnType<typeof handler>) => auth.getSession(req)],
    ['the handler', (auth: ReturnType<typeof handler>) => auth(req)],
  ] as const)
    test(`${name} says to wrap it with toWebRequest`, async () => {
      await assert.rejects(async () => call(handler()), {
        name: 'TypeError',
        message: new RegExp(`${name} needs a Fetch Request; wrap Node's or Express's req with toWebRequest\\(req\\)`),
      });
    });
});

describe('plain http off loopback', () => {
  const start = (url: string, origin: string, forwarded: Record<string, string> = {}) =>
    new Request(url, {
      method: 'POST',
      headers: { Origin: origin, 'OAuth-Connect': '1', 'Content-Type': 'application/json', ...forwarded },
      body: JSON.stringify({ provider: 'mock' }),
    });

  test('start is refused, saying the session cookie needs https and how to get it', async () => {
    const response = await handler()(start('http://partner.test:3000/auth/start', 'http://partner.test:3000'));
    assert.equal(response.status, 400);
    const { error_description } = (await response.json()) as { error_description: string };
    assert.match(
      error_description,
      /^The session cookie needs https, .* plain http to partner\.test:3000: .*tunnel.*trustProxy/,
    );
  });

  test('http on loopback is development, and https behind a trusted proxy is https: both start', async () => {
    assert.equal((await handler()(start('http://localhost:3000/auth/start', 'http://localhost:3000'))).status, 200);
    const proxied = start('http://127.0.0.1:3000/auth/start', 'https://partner.test', {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'partner.test',
    });
    assert.equal((await handler({ trustProxy: true })(proxied)).status, 200);
  });
});

describe('cookie flags never follow the Host header', () => {
  const startAt = (url: string, headers: Record<string, string>) =>
    handler({ origins: ['https://partner.example'] })(
      new Request(url, {
        method: 'POST',
        headers: { 'OAuth-Connect': '1', 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ provider: 'mock' }),
      }),
    );
  const flowCookie = async (response: Response) => {
    assert.equal(response.status, 200, await response.clone().text());
    return response.headers.getSetCookie()[0]!;
  };

  test('an https Origin gets __Host- and Secure, though the request came to 127.0.0.1 over http', async () => {
    const cookie = await flowCookie(
      await startAt('http://127.0.0.1:3000/auth/start', { Origin: 'https://partner.example' }),
    );
    assert.match(cookie, /^__Host-oauth-connect-flow=.*; Secure/);
  });

  test('plain http on loopback with an http Origin is development: no prefix, no Secure', async () => {
    const cookie = await flowCookie(
      await startAt('http://localhost:3000/auth/start', { Origin: 'http://localhost:3000' }),
    );
    assert.match(cookie, /^oauth-connect-flow=/);
    assert.doesNotMatch(cookie, /Secure/);
  });

  test('a cookie is set again under the name it came with, the __Host- one first', async () => {
    const first = await flowCookie(
      await startAt('http://127.0.0.1:3000/auth/start', { Origin: 'https://partner.example' }),
    );
    const pair = first.slice(0, first.indexOf(';'));
    // The next start over development-looking http still carries the __Host- cookie: it stays one.
    const again = await flowCookie(
      await startAt('http://localhost:3000/auth/start', { Origin: 'http://localhost:3000', Cookie: pair }),
    );
    assert.match(again, /^__Host-oauth-connect-flow=.*; Secure/);
  });
});
