/**
 * Two instances with different secrets: a session cookie present but unreadable with the configured
 * secrets reads as signed out, and the server says so once per process, naming SESSION_SECRET and
 * never the cookie. (Its own file: "once per process" is this test process.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { Browser, handlerFor, signIn, startProvider } from './helpers.js';

const OTHER_SECRET = 'YW5vdGhlciBpbnN0YW5jZSwgYW5vdGhlciBzZWNyZXQhIQ==';

let provider: RunningMockProvider;
before(async () => {
  provider = await startProvider();
});
after(() => provider.close());

/** Runs `run` with console.warn captured; gives back what was said. */
const capturingWarnings = async <T>(run: () => Promise<T>): Promise<{ result: T; said: string[] }> => {
  const said: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void said.push(args.map(String).join(' '));
  try {
    return { result: await run(), said };
  } finally {
    console.warn = original;
  }
};

test('a session cookie sealed with another secret: signed out, said once per process with SESSION_SECRET, never the cookie', async () => {
  const first = new Browser(handlerFor(provider));
  await signIn(first);
  assert.deepEqual(await first.accounts(), ['mock']);
  const sessionCookie = [...first.cookies.values()].join(' ');

  // Nothing to say for what is not a mismatch: no cookie, a cookie that is not a seal of ours.
  const second = handlerFor(provider, { secret: OTHER_SECRET });
  const quiet = await capturingWarnings(async () => {
    assert.deepEqual(await new Browser(second).accounts(), []);
    const garbage = new Browser(second);
    for (const name of first.cookies.keys()) garbage.cookies.set(name, 'not-a-seal');
    assert.deepEqual(await garbage.accounts(), []);
  });
  assert.deepEqual(quiet.said, []);

  const elsewhere = new Browser(second);
  elsewhere.cookies = new Map(first.cookies);
  const { said } = await capturingWarnings(async () => {
    assert.deepEqual(await elsewhere.accounts(), [], 'read as signed out');
    const again = new Browser(second);
    again.cookies = new Map(first.cookies);
    assert.deepEqual(await again.accounts(), []);
  });
  assert.equal(said.length, 1, said.join('\n'));
  assert.match(said[0]!, /none of the configured secrets opens.*SESSION_SECRET/s);
  assert.ok(!said[0]!.includes(sessionCookie), 'never the cookie');
  for (const value of first.cookies.values()) assert.ok(!said[0]!.includes(value));
});
