import { expect, test } from '@playwright/test';
import { exchangeCode, refreshToken, TokenError } from '../../src/server/index.js';
import { json, startHostile, type HostileServer } from './hostile-server.js';

/** oauth-connect/server against token endpoints that are broken or hostile (node:http on 127.0.0.1). */
const REDIRECT_URI = 'http://localhost:5173/callback.html';
const servers: HostileServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const hostile = async (...args: Parameters<typeof startHostile>) => {
  const server = await startHostile(...args);
  servers.push(server);
  return server;
};

const exchange = (tokenUrl: string, extra: Partial<Parameters<typeof exchangeCode>[0]> = {}) =>
  exchangeCode({ tokenUrl, clientId: 'c', clientSecret: 's', code: 'the-code', redirectUri: REDIRECT_URI, ...extra });

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  const reason = await promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error as Error,
  );
  expect(reason.message).not.toBe('expected a rejection');
  return reason;
};
const tokenError = async (promise: Promise<unknown>) => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
};

const GOOD = { access_token: 'at', token_type: 'Bearer', expires_in: 60 };

test('an http:// token URL is refused before any request, except on loopback', async () => {
  let sent = 0;
  const counting: typeof fetch = async () => {
    sent++;
    return Response.json(GOOD);
  };
  for (const tokenUrl of ['http://provider.example/token', 'http://10.0.0.1/token', 'ftp://provider.example/'])
    expect(await rejection(exchange(tokenUrl, { fetch: counting }))).toBeInstanceOf(TypeError);
  expect(sent).toBe(0);

  const server = await hostile((_req, res) => json(res, 200, GOOD));
  expect((await exchange(`${server.url}/token`)).accessToken).toBe('at');
  for (const loopback of ['http://localhost/token', 'http://[::1]/token', 'http://127.0.0.2/token'])
    expect((await exchange(loopback, { fetch: counting })).accessToken).toBe('at');
});

test('a huge answer is not read whole', async () => {
  let written = 0;
  const server = await hostile((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // Up to 96 MiB, as fast as the client takes it; it stops when the client hangs up.
    const pump = () => {
      while (written < 96 * 1024 * 1024 && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  const error = await tokenError(exchange(`${server.url}/token`));
  expect(error).toMatchObject({ error: 'invalid_response', status: 200 });
  expect(error.errorDescription).toContain('larger than 1048576 bytes');
  // Socket buffers take a few MiB at most before the hang-up reaches the server.
  expect(written).toBeLessThan(16 * 1024 * 1024);

  const declared = await hostile((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(2 ** 30) });
    res.write('{');
  });
  const small = await tokenError(exchange(`${declared.url}/token`, { maxResponseBytes: 100 }));
  expect(small.errorDescription).toContain('larger than 100 bytes');
});

/** An endpoint that sends one byte a second (for at most 30 s). */
const trickle = () =>
  hostile((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || ++sent > 30) {
        clearInterval(timer);
        res.end();
      } else res.write(' ');
    }, 1000);
  });

test('a byte-a-second endpoint ends in network_error (timeout) when the timeout says', async () => {
  const server = await trickle();
  const started = Date.now();
  const error = await tokenError(exchange(`${server.url}/token`, { timeout: 1500 }));
  expect(error).toMatchObject({ error: 'network_error', status: 0 });
  expect(error.errorDescription).toMatch(/failed: timeout\.$/);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('the default timeout ends a byte-a-second endpoint after 10 s', async () => {
  test.setTimeout(30_000);
  const server = await trickle();
  const started = Date.now();
  const error = await tokenError(exchange(`${server.url}/token`));
  expect(error.errorDescription).toMatch(/timeout/);
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(9_500);
  expect(elapsed).toBeLessThan(20_000);
});

test('a 200 answer carrying error is that error', async () => {
  const server = await hostile((_req, res) =>
    json(res, 200, { error: 'invalid_grant', error_description: 'The code expired.' }),
  );
  expect(await tokenError(exchange(`${server.url}/token`))).toMatchObject({
    error: 'invalid_grant',
    errorDescription: 'The code expired.',
    status: 200,
  });
  expect(
    await tokenError(refreshToken({ tokenUrl: `${server.url}/token`, clientId: 'c', refreshToken: 'r' })),
  ).toMatchObject({ error: 'invalid_grant', status: 200 });
});

test('non-JSON, a missing token_type, CR/LF in a token: invalid_response', async () => {
  const answers: Record<string, (res: import('node:http').ServerResponse) => void> = {
    '/html': (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><h1>Sign in</h1>');
    },
    '/json-as-text': (res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('{"access_token":');
    },
    '/no-token-type': (res) => json(res, 200, { access_token: 'at' }),
    '/crlf-access': (res) => json(res, 200, { ...GOOD, access_token: 'at\r\nX-Injected: 1' }),
    '/lf-refresh': (res) => json(res, 200, { ...GOOD, refresh_token: 'rt\nrt' }),
    '/array': (res) => json(res, 200, [GOOD]),
  };
  const server = await hostile((req, res) => answers[req.url ?? '']!(res));
  for (const path of Object.keys(answers)) {
    const error = await tokenError(exchange(`${server.url}${path}`));
    expect(error, path).toMatchObject({ error: 'invalid_response', status: 200 });
  }
});

test('credentials in a URL never reach an error message', async () => {
  const closed = await hostile(() => {});
  const deadUrl = closed.url.replace('http://', 'http://partner:hunter2@');
  await closed.close();
  const error = await rejection(exchange(`${deadUrl}/token`));
  expect(error.message).not.toContain('hunter2');
  expect(error.message).toContain('redacted@127.0.0.1');
  const viaIssuer = await rejection(
    exchangeCode({ issuer: `${deadUrl}/issuer`, clientId: 'c', code: 'x', redirectUri: REDIRECT_URI }),
  );
  expect(viaIssuer.message).not.toContain('hunter2');
});

test('network_error says why: ECONNREFUSED, ENOTFOUND, timeout', async () => {
  const closed = await hostile(() => {});
  await closed.close();
  const refused = await tokenError(exchange(`${closed.url}/token`));
  expect(refused).toMatchObject({ error: 'network_error', status: 0 });
  expect(refused.errorDescription).toMatch(/failed: ECONNREFUSED\.$/);
  expect(refused.cause).toBeDefined();

  // A DNS failure as Node's fetch reports it (no lookup leaves this machine in tests).
  const dns = await tokenError(
    exchange('https://provider.example/token', {
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND provider.example'), { code: 'ENOTFOUND' }),
        });
      },
    }),
  );
  expect(dns.errorDescription).toBe('The token request to https://provider.example/token failed: ENOTFOUND.');

  const silent = await hostile(() => {});
  const timeout = await tokenError(exchange(`${silent.url}/token`, { timeout: 300 }));
  expect(timeout.errorDescription).toMatch(/failed: timeout\.$/);
});

test('a missing code fails before any request', async () => {
  const server = await hostile((_req, res) => json(res, 200, GOOD));
  for (const code of ['', undefined as unknown as string]) {
    expect(await tokenError(exchange(`${server.url}/token`, { code }))).toMatchObject({
      error: 'invalid_request',
      status: 0,
    });
    expect(
      await tokenError(exchangeCode({ issuer: server.url, clientId: 'c', code, redirectUri: REDIRECT_URI })),
    ).toMatchObject({ error: 'invalid_request' });
  }
  expect(server.requests).toEqual([]);
});

test('a redirect from the token endpoint is not followed', async () => {
  const target = await hostile((_req, res) => json(res, 200, GOOD));
  const server = await hostile((_req, res) => {
    res.writeHead(307, { Location: `${target.url}/token` });
    res.end();
  });
  expect(await tokenError(exchange(`${server.url}/token`))).toMatchObject({ error: 'invalid_response', status: 307 });
  expect(target.requests).toEqual([]);
});
