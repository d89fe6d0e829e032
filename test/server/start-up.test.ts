/**
 * Everything the options can get wrong is said when createAuthHandler runs: a
 * TypeError naming the provider, the option and the fix, never a 500 to the
 * first user. The secret rule refuses weak secrets and never a random one.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { createAuthHandler, type AuthHandlerOptions, type AuthProvider } from '../../src/server/index.js';
import { SECRET } from './helpers.js';

const good: AuthProvider = {
  authorizeUrl: 'https://provider.example/authorize',
  tokenUrl: 'https://provider.example/token',
  userInfoUrl: 'https://provider.example/me',
  clientId: 'client',
  clientSecret: 'client-secret',
  redirectUri: 'https://app.example/callback.html',
};
const withProvider =
  (provider: Partial<AuthProvider>, extra: Partial<AuthHandlerOptions> = {}) =>
  () =>
    createAuthHandler({ secret: SECRET, providers: { ulule: { ...good, ...provider } as AuthProvider }, ...extra });

describe('a provider misconfigured is refused at start-up, naming the provider, the option and the fix', () => {
  const cases: [string, Partial<AuthProvider>, RegExp][] = [
    ['no clientId', { clientId: '' }, /providers\.ulule has no clientId: set providers\.ulule\.clientId/],
    ['no redirectUri', { redirectUri: '' }, /providers\.ulule has no redirectUri: set it to the callback page's URL/],
    [
      'neither authorizeUrl nor issuer',
      { authorizeUrl: undefined },
      /providers\.ulule has neither authorizeUrl nor issuer: set providers\.ulule\.authorizeUrl/,
    ],
    [
      'neither tokenUrl nor issuer',
      { tokenUrl: undefined },
      /providers\.ulule has neither issuer nor tokenUrl: set providers\.ulule\.issuer/,
    ],
    [
      'a clientAuth that needs the secret it lacks',
      { clientSecret: undefined, clientAuth: 'client_secret_post' },
      /providers\.ulule\.clientAuth "client_secret_post" needs a clientSecret: set providers\.ulule\.clientSecret, or clientAuth: 'none'/,
    ],
    [
      'an http token URL off loopback',
      { tokenUrl: 'http://provider.example/token' },
      /providers\.ulule\.tokenUrl http:\/\/provider\.example\/token must be https/,
    ],
    [
      'an http authorize URL off loopback',
      { authorizeUrl: 'http://provider.example/authorize' },
      /providers\.ulule\.authorizeUrl http:\/\/provider\.example\/authorize must be https/,
    ],
    [
      'an http issuer off loopback',
      { issuer: 'http://provider.example', tokenUrl: undefined },
      /providers\.ulule\.issuer http:\/\/provider\.example\/ must be https/,
    ],
    [
      'a redirect URI that is not a URL',
      { redirectUri: 'callback.html' },
      /providers\.ulule\.redirectUri is not a URL/,
    ],
    [
      'a protocol parameter in params',
      { params: { state: 'fixed' } },
      /providers\.ulule\.params\.state is set by the handler itself; remove it/,
    ],
  ];
  for (const [name, change, message] of cases)
    test(name, () =>
      assert.throws(withProvider(change), (error) => error instanceof TypeError && message.test(error.message)),
    );

  test('loopback http and a public client are fine', () => {
    assert.doesNotThrow(
      withProvider({
        authorizeUrl: 'http://localhost:4000/authorize',
        tokenUrl: 'http://127.0.0.1:4000/token',
        clientSecret: undefined,
      }),
    );
  });

  test('no providers at all', () => {
    assert.throws(
      () => createAuthHandler({ secret: SECRET, providers: {} }),
      /createAuthHandler needs providers: \{ \[id\]: \{ clientId, redirectUri/,
    );
  });
});

describe('the secret: 32 random bytes, said how to make', () => {
  const refused = (secret: unknown, reason: RegExp) =>
    assert.throws(withProvider({}, { secret: secret as string }), (error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, reason);
      assert.match(error.message, /openssl rand -base64 32/);
      // The message says what is wrong, never the secret itself.
      if (typeof secret == 'string' && secret) assert.ok(!error.message.includes(secret));
      return true;
    });

  test('a missing secret', () => refused(undefined, /needs a secret: 32 random bytes/));
  test('a short one', () => refused('Tr0ub4dor&3-correct-horse', /fewer than 32/));
  test('32 × a', () => refused('a'.repeat(32), /fewer than 8 distinct characters/));
  test('one substring repeated', () => refused('abcdefgh'.repeat(4), /one substring repeated/));
  test('a weak secret among rotated ones names its place', () =>
    refused([SECRET, 'abcdefghij'.repeat(4)], /secret\[1\] is too weak \(it is one substring repeated\)/));

  test('10,000 outputs of `openssl rand -base64 32` and of `openssl rand -hex 32` all pass', () => {
    // One call for the randomness, cut into 32-byte draws and formatted as each command prints them
    // (10,000 processes would take minutes); the formats are checked against the real commands.
    const bytes = execFileSync('openssl', ['rand', String(32 * 10_000)]);
    const base64 = execFileSync('openssl', ['rand', '-base64', '32'], { encoding: 'utf8' }).trim();
    const hex = execFileSync('openssl', ['rand', '-hex', '32'], { encoding: 'utf8' }).trim();
    assert.match(base64, /^[A-Za-z0-9+/]{43}=$/);
    assert.match(hex, /^[0-9a-f]{64}$/);
    let checked = 0;
    for (let offset = 0; offset < bytes.length; offset += 32) {
      const draw = bytes.subarray(offset, offset + 32);
      for (const secret of [draw.toString('base64'), draw.toString('hex')]) {
        assert.doesNotThrow(withProvider({}, { secret }), `refused ${secret}`);
        checked++;
      }
    }
    assert.equal(checked, 20_000);
    assert.doesNotThrow(withProvider({}, { secret: base64 }));
    assert.doesNotThrow(withProvider({}, { secret: hex }));
  });
});
