// The README's plain fetch handler (worker.js: the shape Deno, Bun and Cloudflare Workers take), as
// pasted, in a project made from the packed tarball, its Ulule URLs pointed at the packed mock
// provider playing Ulule: called as those runtimes call it, with Fetch Requests. Signed out, the
// route behind withAccessToken answers JSON 401; signed in, it calls the provider's API with the token.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { namedBlocks, readme, section } from '../package/readme.js';
import { makeProject, workDir } from './harness.js';

const SITE = 'https://partner.example';

let work;
let provider;
let worker;
before(async () => {
  const block = namedBlocks(section(readme(), 'The whole sign-in on your server')).find(
    ({ name }) => name == 'worker.js',
  );
  assert.ok(block, 'the README shows worker.js');
  work = workDir('fetch-runtime');
  // provider.js: the partner's test set-up, the mock provider from the same package.
  const files = {
    'provider.js': `import { startMockProvider } from 'oauth-connect/mock-provider';
const client = { clientId: 'partner-app', clientSecret: 'partner-secret', name: 'Partner', redirectUris: ['https://partner.example/callback.html'] };
export const start = () => startMockProvider({ port: 0, profile: 'ulule', clients: [client], autoApprove: true, log: () => {} });
`,
  };
  const project = makeProject(work.dir, files);
  const { start } = await import(pathToFileURL(join(project, 'provider.js')).href);
  provider = await start();
  // The README's file with only the provider's addresses changed: the mock plays both Ulule hosts.
  const pasted = block.text
    .replaceAll('https://connect.ulule.com', provider.url)
    .replaceAll('https://api.ulule.com', provider.url);
  assert.notEqual(pasted, block.text, 'the README block names the Ulule hosts');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(project, 'worker.js'), pasted);
  Object.assign(process.env, {
    SESSION_SECRET: 'a-test-secret-of-at-least-32-characters',
    ULULE_CLIENT_ID: 'partner-app',
    ULULE_CLIENT_SECRET: 'partner-secret',
  });
  worker = (await import(pathToFileURL(join(project, 'worker.js')).href)).default;
});

after(async () => {
  await provider?.close();
  work?.remove();
});

/** A browser's cookie jar over the worker's fetch. */
const browser = () => {
  const jar = new Map();
  const call = async (path, body) => {
    const headers = new Headers({ Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') });
    if (body)
      for (const [name, value] of Object.entries({
        Origin: SITE,
        'OAuth-Connect': '1',
        'Content-Type': 'application/json',
      }))
        headers.set(name, value);
    const response = await worker.fetch(
      new Request(`${SITE}${path}`, { method: body ? 'POST' : 'GET', headers, body: body && JSON.stringify(body) }),
    );
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  };
  return { call };
};

test('signed out, the route behind withAccessToken answers JSON 401 login_required', async () => {
  const answer = await browser().call('/api/me');
  assert.equal(answer.status, 401);
  assert.match(answer.type, /^application\/json/);
  assert.equal(answer.body.error, 'login_required');
  assert.equal(typeof answer.body.error_description, 'string');
});

test('signed in, the route calls the provider with the access token', async () => {
  const { call } = browser();
  const started = await call('/auth/start', { provider: 'ulule' });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const authorized = await fetch(started.body.url, { redirect: 'manual' });
  const location = authorized.headers.get('location');
  assert.ok(location, `the provider answered ${authorized.status} without a Location`);
  const completed = await call('/auth/complete', { provider: 'ulule', params: [...new URL(location).searchParams] });
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  const answer = await call('/api/me');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(typeof answer.body.name, 'string');
  assert.ok(answer.body.name);
});
