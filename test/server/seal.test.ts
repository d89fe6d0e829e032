/**
 * Sealed cookies: each new seal names its key by an id derived from the key
 * (never from the secret) and carries its format version; a seal of the first
 * release, with neither, still opens until it expires.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CompactEncrypt, decodeProtectedHeader } from 'jose';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { Browser, SECRET, handlerFor, signIn, startProvider } from './helpers.js';

const OTHER_SECRET = 'b3RoZXItc2VjcmV0OiAzMiByYW5kb20gYnl0ZXMgdG9v';
let provider: RunningMockProvider;
before(async () => {
  provider = await startProvider();
});
after(() => provider.close());

const sessionCookie = (browser: Browser) => browser.cookies.get('__Host-oauth-connect') ?? '';

test('a new seal carries a key id and the format version', async () => {
  const browser = new Browser(handlerFor(provider));
  await signIn(browser);
  const header = decodeProtectedHeader(sessionCookie(browser));
  assert.equal(header.ver, 2);
  assert.match(String(header.kid), /^[\w-]{11}$/);
  assert.ok(!SECRET.includes(String(header.kid)));
  const other = new Browser(handlerFor(provider, { secret: OTHER_SECRET }));
  await signIn(other);
  assert.notEqual(decodeProtectedHeader(sessionCookie(other)).kid, header.kid);
});

test('with rotated secrets the key id picks the key: an old seal opens, a stranger’s does not', async () => {
  const old = new Browser(handlerFor(provider));
  await signIn(old);
  const rotated = new Browser(handlerFor(provider, { secret: [OTHER_SECRET, SECRET] }));
  rotated.cookies = new Map(old.cookies);
  assert.deepEqual(await rotated.accounts(), ['mock']);
  const stranger = new Browser(handlerFor(provider, { secret: OTHER_SECRET }));
  stranger.cookies = new Map(old.cookies);
  assert.deepEqual(await stranger.accounts(), []);
});

/** A session sealed as the first release did: the same key derivation, no key id, no version. */
const firstReleaseSeal = async (secret: string, value: unknown, exp: number) => {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('oauth-connect'), info: encoder.encode('session A256GCM') },
    material,
    256,
  );
  return new CompactEncrypt(encoder.encode(JSON.stringify({ v: value, exp })))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'session' })
    .encrypt(new Uint8Array(bits));
};

const grant = {
  account: { id: 'ada', name: 'Ada' },
  tokens: { accessToken: 'at', tokenType: 'bearer' },
};

test('a first-release seal without a key id opens with any of the keys until it expires', async () => {
  const now = Math.floor(Date.now() / 1000);
  const browser = new Browser(handlerFor(provider, { secret: [OTHER_SECRET, SECRET] }));
  browser.cookies.set('__Host-oauth-connect', await firstReleaseSeal(SECRET, { grants: { mock: grant } }, now + 60));
  assert.deepEqual(await browser.accounts(), ['mock']);
  browser.cookies.set('__Host-oauth-connect', await firstReleaseSeal(SECRET, { grants: { mock: grant } }, now - 1));
  assert.deepEqual(await browser.accounts(), []);
});
