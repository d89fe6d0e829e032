// The README's "Quick start: your app in five steps", followed as pasted in a project made from the
// packed tarball: step 1's install line (its dependencies), step 2's callback page, step 3's page,
// step 4's server.js, and step 5's two commands (the mock playing Ulule, then the server with the
// environment given there), with only the ports changed. Then a real Chromium clicks the button,
// signs in on the mock's own pages in the popup, and the button shows who is connected.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import process from 'node:process';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { chromiumPath } from '../browsers.js';
import { namedBlocks, readme, section } from '../package/readme.js';
import { freePort, makeProject, send, start, workDir } from './harness.js';

const SECTION = 'Quick start: your app in five steps';

/** The words of a shell command line: quotes kept together, `$(openssl rand -base64 32)` as one word. */
const words = (line) =>
  [...line.matchAll(/(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"'])+/g)].map(([word]) =>
    word.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_quoted, double, single) => double ?? single),
  );

/** The commands of a `sh` block: continuation lines joined, comments dropped, `NAME=value` set apart. */
const commands = (block) =>
  block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const all = words(line);
      const env = {};
      while (/^[A-Z_]+=/.test(all[0] ?? '')) {
        const [name, ...value] = all.shift().split('=');
        env[name] = value.join('=');
      }
      return { env, argv: all };
    });

let work;
let project;
let mock;
let server;
let site;

before(async () => {
  const text = section(readme(), SECTION);
  const shell = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => commands(match[1]));
  assert.equal(shell.length, 2, 'step 1 and step 5 are shell commands');
  const files = Object.fromEntries(namedBlocks(text).map(({ name, text: code }) => [name, code]));
  assert.deepEqual(Object.keys(files).sort(), ['public/callback.html', 'public/index.html', 'server.js']);

  // Step 1: `npm install <the tarball> <dependencies…>`; the harness installs the packed tarball.
  const [[install]] = shell;
  assert.deepEqual(install.argv.slice(0, 2), ['npm', 'install']);
  assert.match(install.argv[2], /\/oauth-connect-[\d.]+\.tgz$/, 'step 1 installs the packed tarball');
  work = workDir('quick-start');
  // Steps 2 to 4: the files as pasted.
  project = makeProject(work.dir, files, install.argv.slice(3));

  // Step 5: the mock as pasted, on a free port instead of 5174 and redirecting to this site's port.
  const [[mockCommand, serverCommand]] = [shell[1]];
  assert.deepEqual(mockCommand.argv.slice(0, 2), ['npx', 'oauth-connect-mock']);
  const port = await freePort();
  site = `http://localhost:${port}`;
  const args = mockCommand.argv.slice(2).map((arg) => arg.replace('http://localhost:3000', site));
  mock = await start(
    process.execPath,
    [join(project, 'node_modules/.bin/oauth-connect-mock'), ...args, '--port', '0', '--quiet'],
    { cwd: project, ready: /"url":"([^"]+)"/ },
  );
  assert.deepEqual(serverCommand.argv, ['node', 'server.js']);
  const env = { ...serverCommand.env };
  assert.equal(env.MOCK_PROVIDER_URL, 'http://localhost:5174', 'the server is pointed at the mock');
  assert.equal(env.SESSION_SECRET, '$(openssl rand -base64 32)');
  Object.assign(env, {
    MOCK_PROVIDER_URL: mock.match[1],
    SESSION_SECRET: randomBytes(32).toString('base64'),
    PORT: String(port),
  });
  server = await start(process.execPath, ['server.js'], { cwd: project, env, ready: /Open http:\/\/localhost:\d+/ });
});

after(async () => {
  await server?.stop();
  await mock?.stop();
  work?.remove();
});

test('the five steps give a button that signs in through the mock and shows who is connected, in Chromium', async (t) => {
  const browser = await chromium.launch({ executablePath: chromiumPath });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(site);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in with Ulule' }).click();
  const popup = await popupOpened;
  // The mock's own pages, as the README's step 5 says: sign in as Ada, then allow.
  await popup.locator('input[name="email"]').fill('ada@example.com');
  await popup.locator('input[name="password"]').fill('analytical-engine');
  await popup.locator('form button[type="submit"]').first().click();
  // The callback page closes the popup as soon as it has run, which can be before click() returns:
  // wait for the close from before the click, and let the click fail only if the popup is still open.
  const closed = popup.waitForEvent('close', { timeout: 20_000 });
  await popup
    .locator('button[name="action"][value="allow"]')
    .click()
    .catch((error) => {
      if (!popup.isClosed()) throw error;
    });
  await closed.catch(async (error) => {
    throw new Error(`the popup stayed open at ${popup.url()}: ${await popup.locator('body').innerText()}`, {
      cause: error,
    });
  });
  await page.locator('oauth-connect').getByText('Ada Lovelace').first().waitFor({ timeout: 20_000 });
  // The session is the server's: /auth/session names the account, and the page never saw a token.
  const cookies = (await page.context().cookies(site)).map(({ name, value }) => `${name}=${value}`).join('; ');
  const session = await send(`${site}/auth/session`, { headers: { Cookie: cookies } });
  assert.equal(session.status, 200, session.body);
  assert.equal(JSON.parse(session.body).accounts.ulule.name, 'Ada Lovelace');
});
