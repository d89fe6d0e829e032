// The README's "Several server instances: sessions in Redis" server.js, as pasted (only the Ulule
// hosts pointed at the packed mock provider playing Ulule), in a project made from the packed tarball:
// two processes of it share one Debian redis-server. A sign-in through one is seen by the other;
// with redis-server stopped, both stay up and answer 503 in JSON, each logging the outage once; with
// redis-server started again on the same port, both recover without a restart.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { startRedis } from '../../scripts/redis-server.js';
import { namedBlocks, readme, section } from '../package/readme.js';
import { elementPost, freePort, makeProject, send, start, workDir } from './harness.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const OUTAGE = /Redis is unreachable \(.*\): sessions answer 503 until it is back\./g;

let work;
let project;
let provider;
let redis;
/** The two instances: `{ origin, server, logged() }`, `server` being the harness's process handle. */
const instances = [];

before(async () => {
  const block = namedBlocks(section(readme(), 'Several server instances: sessions in Redis')).find(
    ({ name }) => name == 'server.js',
  );
  assert.ok(block, 'the Redis section shows server.js');
  work = workDir('redis');
  const files = {
    'provider.js': `import { startMockProvider } from 'oauth-connect/mock-provider';
const client = { clientId: 'partner-app', clientSecret: 'partner-secret', name: 'Partner', redirectUris: ['https://partner.example/callback.html'] };
export const start = () => startMockProvider({ port: 0, profile: 'ulule', clients: [client], autoApprove: true, log: () => {} });
`,
  };
  project = makeProject(work.dir, files, ['redis']);
  provider = await (await import(pathToFileURL(join(project, 'provider.js')).href)).start();
  // The README's file with only the provider's addresses changed: the mock plays both Ulule hosts.
  const pasted = block.text
    .replaceAll('https://connect.ulule.com', provider.url)
    .replaceAll('https://api.ulule.com', provider.url);
  assert.notEqual(pasted, block.text, 'the README block names the Ulule hosts');
  writeFileSync(join(project, 'server.js'), pasted);
  redis = await startRedis();
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const server = await start('node', ['server.js'], {
      cwd: project,
      env: {
        PORT: String(port),
        REDIS_URL: redis.url,
        SESSION_SECRET: SECRET,
        ULULE_CLIENT_ID: 'partner-app',
        ULULE_CLIENT_SECRET: 'partner-secret',
      },
      ready: new RegExp(`Listening on port ${port}`),
    });
    instances.push({ origin: `http://127.0.0.1:${port}`, server, outages: () => server.output().match(OUTAGE) ?? [] });
  }
});

after(async () => {
  await Promise.all(instances.map(({ server }) => server.stop()));
  await redis?.stop();
  await provider?.close();
  work?.remove();
});

/** The session cookie pairs of a response's Set-Cookie headers, as a browser sends them back. */
const cookiesOf = (headers) =>
  [headers['set-cookie'] ?? []]
    .flat()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** start → the mock (auto-approved) → complete, through `origin`; resolves the cookie and the account. */
const signIn = async (origin) => {
  const started = await send(`${origin}/auth/start`, elementPost(origin, { provider: 'ulule' }));
  assert.equal(started.status, 200, started.body);
  const { url } = JSON.parse(started.body);
  const authorized = await fetch(url, { redirect: 'manual' });
  const location = authorized.headers.get('location');
  assert.ok(location, `the provider answered ${authorized.status} without a Location`);
  const post = elementPost(origin, { provider: 'ulule', params: [...new URL(location).searchParams] });
  post.headers.Cookie = cookiesOf(started.headers);
  const completed = await send(`${origin}/auth/complete`, post);
  assert.equal(completed.status, 200, completed.body);
  const session = cookiesOf(completed.headers)
    .split('; ')
    .filter((pair) => !/-flow=/.test(pair) && !/=$/.test(pair))
    .join('; ');
  return { cookie: session, account: JSON.parse(completed.body).account };
};

const sessionAt = (origin, cookie) => send(`${origin}/auth/session`, { headers: { Cookie: cookie } });

const alive = () => instances.every(({ server }) => server.child.exitCode === null && !server.child.signalCode);

test('a sign-in through one instance is seen by the other', async () => {
  const [a, b] = instances;
  const { cookie, account } = await signIn(a.origin);
  assert.match(account.id, /^\d+$/);
  const seen = await sessionAt(b.origin, cookie);
  assert.equal(seen.status, 200, seen.body);
  assert.deepEqual(JSON.parse(seen.body), { accounts: { ulule: account } });
});

test('redis-server stopped: both instances stay up and answer 503 in JSON, each logging the outage once; started again on the same port: both recover', async () => {
  const [a, b] = instances;
  const { cookie } = await signIn(a.origin);
  await redis.stop();
  // Several requests over a few seconds: node-redis meanwhile retries, and fails, again and again.
  for (let round = 0; round < 4; round++) {
    for (const { origin } of instances) {
      const answer = await sessionAt(origin, cookie);
      assert.equal(answer.status, 503, answer.body);
      assert.match(answer.headers['content-type'], /^application\/json/);
      assert.equal(JSON.parse(answer.body).error, 'server_error');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(alive(), 'both instances are still running');
  for (const instance of instances) assert.equal(instance.outages().length, 1, instance.server.output());

  redis = await startRedis({ port: redis.port });
  // Both reconnect on their own (node-redis's reconnection), without a restart.
  for (const { origin } of instances) {
    const deadline = Date.now() + 15_000;
    let answer = await sessionAt(origin, cookie);
    while (answer.status != 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await sessionAt(origin, cookie);
    }
    assert.equal(answer.status, 200, answer.body);
  }
  assert.ok(alive(), 'both instances are still running');
  for (const { server } of instances) assert.match(server.output(), /Redis is back\./);
  // This redis-server keeps nothing on disk: the old session is gone, and a new sign-in works across both.
  assert.deepEqual(JSON.parse((await sessionAt(b.origin, cookie)).body), { accounts: {} });
  const again = await signIn(b.origin);
  const seen = await sessionAt(a.origin, again.cookie);
  assert.deepEqual(JSON.parse(seen.body), { accounts: { ulule: again.account } });
  // Still one line per instance for the one outage.
  for (const instance of instances) assert.equal(instance.outages().length, 1, instance.server.output());
});
