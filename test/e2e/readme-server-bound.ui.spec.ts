import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { CLIENT, startProvider } from './api-helpers.js';
import { PAGE_BLOCKS, readmeBlock } from './readme-blocks.js';

/**
 * README's "Sign in with Ulule, server-bound" page and Express server, run as
 * pasted in a real browser: the blocks are taken from README.md; only the
 * package names, the Ulule URLs, the port, the static folder and the
 * environment are pointed at this test's files and a mock provider.
 */
const root = new URL('../../', import.meta.url);
const dist = (file: string) => fileURLToPath(new URL(`dist/${file}`, root));
let provider: RunningMockProvider;
let dir: string;
let server: Server;
let site: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  const port = await freePort();
  site = `http://localhost:${port}`;
  provider = await startProvider({
    clients: [
      { clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'Partner', redirectUris: [`${site}/callback.html`] },
    ],
  });
  dir = await mkdtemp(join(tmpdir(), 'readme-express-'));
  const pub = join(dir, 'public');
  await mkdir(join(pub, 'assets'), { recursive: true });
  const [language, text] = PAGE_BLOCKS.serverBound;
  await writeFile(join(pub, 'index.html'), `<!doctype html>\n${readmeBlock(language, text)}`);
  await copyFile(dist('oauth-connect.js'), join(pub, 'oauth-connect.js'));
  // The modes the bundle imports from beside it when an element needs them (README, "Use from a script tag").
  await cp(dist('modes'), join(pub, 'modes'), { recursive: true });
  await copyFile(dist('callback.js'), join(pub, 'assets', 'callback.js'));
  const hash = `sha384-${createHash('sha384')
    .update(await readFile(dist('callback.js')))
    .digest('base64')}`;
  await writeFile(join(pub, 'callback.html'), readmeBlock(...PAGE_BLOCKS.callbackPage).replace('sha384-…', hash));

  const readme = await readFile(new URL('README.md', root), 'utf8');
  const start = readme.indexOf('With Express (the whole server):');
  expect(start).toBeGreaterThan(-1);
  const pasted = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(start))![1]!;
  const source = pasted
    .replace("'express'", JSON.stringify(createRequire(import.meta.url).resolve('express')))
    .replace("'oauth-connect/server'", JSON.stringify(fileURLToPath(new URL('src/server/index.ts', root))))
    .replace("'oauth-connect/server/node'", JSON.stringify(fileURLToPath(new URL('src/server/node.ts', root))))
    .replace('https://connect.ulule.com/oauth2/authorize/', provider.authorizeUrl)
    .replace('https://connect.ulule.com/oauth2/token/', provider.tokenUrl)
    .replace('https://api.ulule.com/v1/me', provider.userInfoUrl)
    .replace('https://partner.example/callback.html', `${site}/callback.html`)
    .replace("express.static('public')", `express.static(${JSON.stringify(pub)})`)
    .replace('app.listen(3000);', `export const server = app.listen(${port});`);
  expect(source).toContain(`app.listen(${port})`);
  Object.assign(process.env, {
    SESSION_SECRET: 'a-readme-secret-of-at-least-32-characters',
    ULULE_CLIENT_ID: CLIENT.id,
    ULULE_CLIENT_SECRET: CLIENT.secret,
  });
  const file = join(dir, 'server.ts');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  await writeFile(file, source);
  ({ server } = (await import(file)) as { server: Server });
  await new Promise((resolve) => (server.listening ? resolve(null) : server.once('listening', resolve)));
});
test.afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  await provider?.close();
  await rm(dir, { recursive: true, force: true });
});

test('the README server-bound page and Express server sign in, and the next page view is connected', async ({
  page,
}) => {
  const signedIn = page.waitForEvent('console', (message) => message.text().startsWith('Signed in as'));
  await page.goto(`${site}/`);
  const button = page.getByRole('button', { name: /Sign in with Ulule/ });
  await button.hover();
  await button.click();
  expect((await signedIn).text()).toMatch(/^Signed in as \S/);
  await page.reload();
  await expect(page.locator('oauth-connect')).toContainText('Connected to Ulule as');
});
