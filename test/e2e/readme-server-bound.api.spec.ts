import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';

/**
 * README's "Sign in with Ulule, server-bound" Fetch-runtime server, run as
 * pasted: the code block is taken from README.md, only the package name, the
 * Ulule URLs and the environment are pointed at a mock provider here.
 */
const root = new URL('../../', import.meta.url);
let provider: RunningMockProvider;
let dir: string;
test.beforeAll(async () => {
  provider = await startProvider({ autoApprove: true });
  dir = await mkdtemp(join(tmpdir(), 'readme-server-bound-'));
});
test.afterAll(async () => {
  await provider?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The ```ts block that follows `after` in README.md. */
const blockAfter = (readme: string, after: string) => {
  const start = readme.indexOf(after);
  expect(start, after).toBeGreaterThan(-1);
  const match = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(start));
  return match![1]!;
};

test('the README Fetch-runtime server signs in and keeps the session', async () => {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const pasted = blockAfter(readme, 'In a Fetch runtime (Deno, Bun, Cloudflare Workers)');
  const source = pasted
    .replace("'oauth-connect/server'", JSON.stringify(fileURLToPath(new URL('src/server/index.ts', root))))
    .replace('https://connect.ulule.com/oauth2/authorize/', provider.authorizeUrl)
    .replace('https://connect.ulule.com/oauth2/token/', provider.tokenUrl)
    .replace('https://api.ulule.com/v1/me', provider.userInfoUrl)
    .replace('https://partner.example/callback.html', REDIRECT_URI);
  Object.assign(process.env, {
    SESSION_SECRET: 'a-readme-secret-of-at-least-32-characters',
    ULULE_CLIENT_ID: CLIENT.id,
    ULULE_CLIENT_SECRET: CLIENT.secret,
  });
  const file = join(dir, 'server.ts');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  await writeFile(file, source);
  const { default: app } = (await import(file)) as { default: { fetch: (request: Request) => Promise<Response> } };

  const origin = 'http://localhost:3000';
  let cookie = '';
  const call = async (path: string, body?: unknown) => {
    const response = await app.fetch(
      new Request(origin + path, {
        ...(body !== undefined && { method: 'POST', body: JSON.stringify(body) }),
        headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: origin, Cookie: cookie },
      }),
    );
    const set = response.headers.getSetCookie().map((line) => line.split(';')[0]);
    if (set.length) cookie = [...cookie.split('; ').filter(Boolean), ...set].join('; ');
    return response;
  };
  const start = (await (await call('/auth/start', { provider: 'ulule' })).json()) as { url: string };
  const redirect = await fetch(start.url, { redirect: 'manual' });
  const params = Object.fromEntries(new URL(redirect.headers.get('location')!).searchParams);
  const complete = await call('/auth/complete', { provider: 'ulule', params });
  expect(complete.status).toBe(200);
  expect(await complete.json()).toMatchObject({ account: { name: expect.any(String) } });
  expect(await (await call('/auth/session')).json()).toMatchObject({
    accounts: { ulule: { name: expect.any(String) } },
  });
  expect((await call('/index.html')).status).toBe(404);
});
