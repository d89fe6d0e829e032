/**
 * Failures: one constructor shape for every error, nothing failing silently
 * (a 5xx is logged without `onError`, never with a secret value), and answers
 * that never name an internal URL or a network code.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { AuthError, ERROR_CODES, SessionTooLargeError, TokenError, createAuthHandler } from '../../src/server/index.js';
import {
  Browser,
  CLIENT,
  REDIRECT_URI,
  SECRET,
  authorizeAt,
  capturingErrors,
  handlerFor,
  startProvider,
} from './helpers.js';

let provider: RunningMockProvider;
/** A loopback port nothing listens on: connections to it are refused. */
let closedPort = 0;
before(async () => {
  provider = await startProvider();
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
after(() => provider.close());

describe('errors: one shape, provider text cut', () => {
  test('TokenError, AuthError and SessionTooLargeError take (error, description, { status, cause, … })', () => {
    const cause = new Error('underneath');
    const token = new TokenError('invalid_grant', 'used', { status: 400, cause, errorUri: 'https://docs.example' });
    assert.deepEqual(
      [token.error, token.errorDescription, token.status, token.errorUri, token.cause],
      ['invalid_grant', 'used', 400, 'https://docs.example', cause],
    );
    const auth = new AuthError(ERROR_CODES.loginRequired, 'again', { status: 401, setCookie: ['a=; Max-Age=0'] });
    assert.deepEqual([auth.error, auth.status, auth.setCookie], ['login_required', 401, ['a=; Max-Age=0']]);
    const large = new SessionTooLargeError('too big');
    assert.ok(large instanceof AuthError);
    assert.deepEqual([large.name, large.error, large.status], ['SessionTooLargeError', 'server_error', 500]);
  });
  test("the first release's positional constructors still work", () => {
    const token = new TokenError('invalid_grant', 'used', 400, 'https://docs.example', { cause: 1 });
    assert.deepEqual([token.status, token.errorUri, token.cause], [400, 'https://docs.example', 1]);
    const auth = new AuthError('invalid_request', 'no', 403, { cause: 2 });
    assert.deepEqual([auth.status, auth.cause, auth.setCookie], [403, 2, []]);
  });
  test("a provider's 100,000-character error_description is cut to 500", () => {
    const token = new TokenError('invalid_grant', 'x'.repeat(100_000), { status: 400 });
    assert.equal(token.errorDescription?.length, 500);
    assert.ok(token.message.length < 600);
  });
});

describe('a 5xx is never silent', () => {
  const unreachable = () =>
    createAuthHandler({
      secret: SECRET,
      providers: {
        down: {
          authorizeUrl: provider.authorizeUrl,
          tokenUrl: `http://127.0.0.1:${closedPort}/internal/token`,
          userInfoUrl: provider.userInfoUrl,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          redirectUri: REDIRECT_URI,
        },
      },
    });

  const completeAt = async (browser: Browser) => {
    const started = await browser.send('/auth/start', { provider: 'down' });
    const params = await authorizeAt(started.body.url as string);
    return { params, completed: await browser.send('/auth/complete', { provider: 'down', params }) };
  };

  test('without onError: console.error names the route and the cause; never the code, verifier, secret or cookie', async () => {
    const browser = new Browser(unreachable());
    const { result, logged } = await capturingErrors(() => completeAt(browser));
    const { completed, params } = result;
    assert.deepEqual(completed, {
      status: 502,
      body: { error: 'server_error', error_description: 'The provider could not be reached.' },
    });
    assert.equal(logged.length, 1);
    const [line = ''] = logged;
    assert.match(
      line,
      /^oauth-connect\/server: \/complete failed: TokenError: network_error: The token request to http:\/\/127\.0\.0\.1:\d+\/internal\/token failed/,
    );
    assert.match(line, /caused by .*ECONNREFUSED/);
    const secrets = [
      SECRET,
      CLIENT.secret,
      ...params.map(([, value]) => value),
      ...[...browser.cookies.values()],
    ].filter((value) => value.length > 8);
    for (const value of secrets) assert.ok(!line.includes(value), `the log carries ${value}`);
  });

  test('onError replaces the log', async () => {
    const seen: unknown[] = [];
    const handler = createAuthHandler({
      secret: SECRET,
      onError: (error) => void seen.push(error),
      providers: {
        down: {
          authorizeUrl: provider.authorizeUrl,
          tokenUrl: `http://127.0.0.1:${closedPort}/internal/token`,
          userInfoUrl: provider.userInfoUrl,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          redirectUri: REDIRECT_URI,
        },
      },
    });
    const { logged } = await capturingErrors(() => completeAt(new Browser(handler)));
    assert.deepEqual(logged, []);
    assert.equal(seen.length, 1);
    // The error as it happened, with its cause: what the answer leaves out is there.
    assert.ok(seen[0] instanceof TokenError && seen[0].error == 'network_error');
  });

  test("a discovery that fails is a 502 server_error at the first sign-in, logged, the issuer's URL kept out of the answer", async () => {
    const handler = createAuthHandler({
      secret: SECRET,
      providers: {
        oidc: { issuer: `http://127.0.0.1:${closedPort}/internal`, clientId: CLIENT.id, redirectUri: REDIRECT_URI },
      },
    });
    const { result, logged } = await capturingErrors(() =>
      new Browser(handler).send('/auth/start', { provider: 'oidc' }),
    );
    assert.deepEqual(result, {
      status: 502,
      body: { error: 'server_error', error_description: "The oidc provider's metadata could not be loaded." },
    });
    assert.equal(logged.length, 1);
    assert.match(
      logged[0] ?? '',
      /\/start failed: .*metadata could not be loaded[\s\S]*127\.0\.0\.1:\d+\/internal[\s\S]*ECONNREFUSED/,
    );
  });

  test('4xx are not logged', async () => {
    const { logged } = await capturingErrors(() =>
      new Browser(handlerFor(provider)).send('/auth/start', { provider: 'nope' }),
    );
    assert.deepEqual(logged, []);
  });

  test("a provider's answer that is not valid is a 502 without the provider's internal URL", async () => {
    // A token endpoint behind the partner's network that answers a proxy's HTML page.
    const internal = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>gateway</h1>'),
    );
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    const tokenUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/internal/token`;
    const handler = createAuthHandler({
      secret: SECRET,
      providers: {
        mock: {
          authorizeUrl: provider.authorizeUrl,
          tokenUrl,
          userInfoUrl: provider.userInfoUrl,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          redirectUri: REDIRECT_URI,
        },
      },
    });
    const browser = new Browser(handler);
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const params = await authorizeAt(started.body.url as string);
    const { result, logged } = await capturingErrors(() =>
      browser.send('/auth/complete', { provider: 'mock', params }),
    );
    internal.close();
    assert.deepEqual(result, {
      status: 502,
      body: { error: 'invalid_response', error_description: 'The provider gave an answer that is not valid.' },
    });
    assert.match(
      logged[0] ?? '',
      /\/complete failed: TokenError: invalid_response: The token request gave an answer that is not valid/,
    );
  });
});
