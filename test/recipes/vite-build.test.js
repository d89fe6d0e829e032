// The README's "The callback page in a Vite app", as pasted, in a Vite app made from the packed
// tarball: `vite build` puts the callback page in dist/ (without the README's config it does not),
// its referrer policy still comes before any script, and the built app signs in through a real
// popup in Chromium against the packed mock provider, served by `vite preview`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { chromiumPath } from '../browsers.js';
import { namedBlocks, readme, section } from '../package/readme.js';
import { freePort, makeProject, start, workDir } from './harness.js';

/** The partner's own page: a button whose provider comes from the address (the mock's port is free). */
const INDEX_HTML = `<!doctype html>
<title>Partner app</title>
<oauth-connect client-id="partner-app" redirect-uri="/callback.html" label="Sign in"></oauth-connect>
<p id="status">Signed out</p>
<script type="module" src="./main.js"></script>
`;
const MAIN_JS = `import 'oauth-connect/define';
const button = document.querySelector('oauth-connect');
button.setAttribute('authorize-url', new URLSearchParams(location.search).get('authorize'));
button.addEventListener('connect-success', ({ detail }) => {
  document.querySelector('#status').textContent = detail.code ? 'Code received' : 'No code';
});
`;

let work;
let project;
const vite = (...args) => [join(project, 'node_modules/vite/bin/vite.js'), ...args];
const run = (args) =>
  new Promise((resolveRun, reject) =>
    execFile(process.execPath, args, { cwd: project }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')}: ${stderr || stdout}`, { cause: error })) : resolveRun(stdout),
    ),
  );

before(async () => {
  const blocks = namedBlocks(section(readme(), 'The callback page in a Vite app'));
  const files = Object.fromEntries(blocks.map(({ name, text }) => [name, text]));
  assert.ok(files['vite.config.js'] && files['callback.html'], 'the README shows vite.config.js and callback.html');
  work = workDir('vite-build');
  // control.config.js: a Vite config without the README's entries, as a new app has.
  const own = { 'index.html': INDEX_HTML, 'main.js': MAIN_JS, 'control.config.js': 'export default {};\n' };
  project = makeProject(work.dir, { ...files, ...own }, ['vite']);
  await run(vite('build'));
});

after(() => work?.remove());

test('without the README config, vite build leaves the callback page out', async () => {
  await run(vite('build', '--config', 'control.config.js', '--outDir', 'dist-control'));
  assert.ok(existsSync(join(project, 'dist-control/index.html')), 'the app page is built');
  assert.ok(!existsSync(join(project, 'dist-control/callback.html')), 'the callback page is not');
});

test('with it, dist/ has the callback page, its referrer policy before its bundled script', () => {
  const page = join(project, 'dist/callback.html');
  assert.ok(existsSync(page), 'dist/callback.html is built');
  const html = readFileSync(page, 'utf8');
  const referrer = html.indexOf('<meta name="referrer" content="no-referrer"');
  const script = html.indexOf('<script');
  assert.ok(referrer != -1 && script != -1 && referrer < script, `the <meta> comes first:\n${html}`);
  const src = /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)?.[1];
  assert.ok(src && existsSync(join(project, 'dist', src)), `its script ${src} is in dist/`);
});

test('the built app signs in through the built callback page, in Chromium', async (t) => {
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  // Each process stops when the test ends, passed or failed: a child left running keeps node --test waiting.
  const mock = await start(
    process.execPath,
    [
      join(project, 'node_modules/oauth-connect/dist/lib/mock-provider/cli.js'),
      ...['--port', '0', '--host', '127.0.0.1', '--client-id', 'partner-app', '--public', '--auto-approve'],
      ...['--redirect-uri', `${site}/callback.html`, '--quiet'],
    ],
    { cwd: project, ready: /"url":"([^"]+)"/ },
  );
  t.after(() => mock.stop());
  const preview = await start(
    process.execPath,
    vite('preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'),
    {
      cwd: project,
      ready: new RegExp(`127\\.0\\.0\\.1:${port}`),
    },
  );
  t.after(() => preview.stop());
  const browser = await chromium.launch({ executablePath: chromiumPath });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${site}/?authorize=${encodeURIComponent(`${mock.match[1]}/oauth2/authorize/`)}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#status').filter({ hasText: 'Code received' }).waitFor({ timeout: 20_000 });
});
