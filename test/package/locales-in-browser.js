// French loads on demand where partners serve the element, in a real browser:
// - a Vite production app built from the packed package (`import 'oauth-connect/define'`
//   on an `<html lang="fr">` page): Vite emits fr.json as a file, never a data: URL
//   in the app's code, and the element fetches it from there;
// - the script-tag bundle copied into a nested folder with its locales/ folder, as a
//   partner self-hosts it: the URL is relative to the bundle, not the site's root.
// Each page must show French, fetch fr.json once and no other language, and log nothing.
// Needs a build (npm run build).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright';
import { buildConsumerApp } from '../../scripts/consumer-build.js';
import { serveStatic } from '../../scripts/static-server.js';
import { chromiumLaunchOptions } from '../browsers.js';

const element =
  '<link rel="icon" href="data:,"><oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>';

/** Opens `path` of a server over `dir`; returns the label, the locale requests and the console's warnings and errors. */
async function visit(browser, dir, path) {
  const server = await serveStatic(dir);
  const page = await browser.newPage();
  try {
    const logged = [];
    const requests = [];
    page.on('console', (message) => ['warning', 'error'].includes(message.type()) && logged.push(message.text()));
    // The console names no URL for a 404; this does. (The pages give an empty icon: no /favicon.ico.)
    page.on(
      'response',
      (response) => response.status() >= 400 && logged.push(`${response.status()} ${response.url()}`),
    );
    page.on('pageerror', (error) => logged.push(String(error)));
    page.on('request', (request) => /\.json\b/.test(request.url()) && requests.push(request.url()));
    await page.goto(server.origin + path);
    await page.waitForLoadState('load');
    const label = page.locator('oauth-connect [part="label"]');
    await label.filter({ hasText: 'Se connecter avec Ulule' }).waitFor({ timeout: 15000 });
    return { label: await label.textContent(), requests, logged, origin: server.origin };
  } finally {
    await page.close();
    await server.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'oauth-connect-locales-'));
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  // The Vite app.
  const files = await buildConsumerApp("import 'oauth-connect/define';\n", { lang: 'fr', body: element });
  const app = join(dir, 'app');
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(app, name)), { recursive: true });
    writeFileSync(join(app, name), bytes);
  }
  const code = Object.entries(files)
    .filter(([name]) => name.endsWith('.js'))
    .map(([, bytes]) => bytes.toString())
    .join('\n');
  assert.ok(!/data:application\/json|Se connecter/.test(code), "the app's code holds no French, inlined or not");
  const emitted = Object.keys(files).filter((name) => name.endsWith('.json'));
  assert.deepEqual(
    emitted.map((name) => name.replace(/^assets\/(\w+)-[\w-]+\.json$/, '$1')).sort(),
    ['de', 'es', 'fr'],
    `one emitted file per language (${emitted})`,
  );
  const vite = await visit(browser, app, '/index.html');
  assert.equal(vite.label, 'Se connecter avec Ulule');
  assert.deepEqual(vite.logged, []);
  assert.equal(vite.requests.length, 1, `one language file requested: ${vite.requests}`);
  assert.match(vite.requests[0], new RegExp(`^${vite.origin}/assets/fr-[\\w-]+\\.json$`));
  console.log(
    `locales: a Vite app from the packed package fetches ${new URL(vite.requests[0]).pathname} and speaks French`,
  );

  // The script-tag bundle, self-hosted in a folder of its own.
  const site = join(dir, 'site');
  cpSync('dist/oauth-connect.js', join(site, 'static/oauth-connect/1/oauth-connect.js'));
  cpSync('dist/locales', join(site, 'static/oauth-connect/1/locales'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><html lang="fr-CA"><script type="module" src="/static/oauth-connect/1/oauth-connect.js"></script>${element}`,
  );
  const bundle = await visit(browser, site, '/index.html');
  assert.equal(bundle.label, 'Se connecter avec Ulule');
  assert.deepEqual(bundle.logged, []);
  assert.deepEqual(bundle.requests, [`${bundle.origin}/static/oauth-connect/1/locales/fr.json`]);
  console.log(
    'locales: dist/oauth-connect.js in a folder of its own fetches locales/fr.json beside it and speaks French',
  );
} catch (error) {
  console.error(`locales: ${error.stack}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
