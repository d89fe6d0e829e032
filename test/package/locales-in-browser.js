// Languages are modules, where partners use the element, in a real browser:
// - Vite production apps built from the packed package, on a French page:
//   `oauth-connect/element` + `oauth-connect/locales/fr` speaks French from its first
//   render; `oauth-connect/define` too (it has every language); `oauth-connect/element`
//   alone stays English and logs one warning that names the import to add;
// - the script-tag bundle in a folder of its own (with its locales/ beside it, as
//   partners self-host it) on a `fr-CA` page: French.
// No page fetches a language file at run time other than the bundle's own module.
// Needs a build (npm run build).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright';
import { buildConsumerApp } from '../../scripts/consumer-build.js';
import { serveStatic } from '../../scripts/static-server.js';
import { chromiumLaunchOptions } from '../browsers.js';

const element =
  '<link rel="icon" href="data:,"><oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>';

/**
 * Opens `path` of a server over `dir` and waits for the label to read `expected`; returns the
 * label, the console's warnings and errors, and every request the page made after its own.
 */
async function visit(browser, dir, path, expected) {
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
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(server.origin + path);
    await page.waitForLoadState('load');
    const label = page.locator('oauth-connect [part="label"]');
    await label.filter({ hasText: expected }).waitFor({ timeout: 15000 });
    return { label: await label.textContent(), requests: requests.slice(1), logged };
  } finally {
    await page.close();
    await server.close();
  }
}

/** Builds a Vite app whose only code is `main` (on an `<html lang="fr">` page) into `dir`. */
async function viteApp(main, dir) {
  const files = await buildConsumerApp(main, { lang: 'fr', body: element });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const code = Object.entries(files)
    .filter(([name]) => name.endsWith('.js'))
    .map(([, bytes]) => bytes.toString())
    .join('\n');
  // Every file is the app's own script: nothing beside it to fetch at run time.
  assert.deepEqual(
    Object.keys(files).filter((name) => !/^(index\.html|assets\/[\w-]+\.js)$/.test(name)),
    [],
    `files besides the page and its script: ${Object.keys(files)}`,
  );
  return code;
}

const dir = mkdtempSync(join(tmpdir(), 'oauth-connect-locales-'));
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  // The lean path with French imported: French, and no other language in the app.
  const lean = join(dir, 'lean');
  const code = await viteApp("import 'oauth-connect/element';\nimport 'oauth-connect/locales/fr';\n", lean);
  assert.match(code, /Se connecter avec/);
  assert.ok(!/Iniciar sesión|anmelden/.test(code), 'the app holds no Spanish or German');
  const french = await visit(browser, lean, '/index.html', 'Se connecter avec Ulule');
  assert.equal(french.label, 'Se connecter avec Ulule');
  assert.deepEqual(french.logged, []);
  assert.deepEqual(
    french.requests.filter((path) => !path.startsWith('/assets/')),
    [],
  );
  console.log('locales: a Vite app importing oauth-connect/element and oauth-connect/locales/fr speaks French');

  // oauth-connect/define: every language, as it always had.
  const all = join(dir, 'define');
  await viteApp("import 'oauth-connect/define';\n", all);
  const define = await visit(browser, all, '/index.html', 'Se connecter avec Ulule');
  assert.deepEqual(define.logged, []);
  console.log('locales: a Vite app importing oauth-connect/define speaks French');

  // The lean path without French: English, one warning naming the import.
  const english = join(dir, 'english');
  await viteApp("import 'oauth-connect/element';\n", english);
  const missing = await visit(browser, english, '/index.html', 'Sign in with Ulule');
  assert.equal(missing.label, 'Sign in with Ulule');
  assert.equal(missing.logged.length, 1, `one warning: ${missing.logged}`);
  assert.match(missing.logged[0], /import 'oauth-connect\/locales\/fr'/);
  console.log(`locales: without oauth-connect/locales/fr, English and one warning: ${missing.logged[0]}`);

  // The script-tag bundle, self-hosted in a folder of its own.
  const site = join(dir, 'site');
  const folder = join(site, 'static/oauth-connect/1');
  cpSync('dist/oauth-connect.js', join(folder, 'oauth-connect.js'));
  if (existsSync('dist/locales')) cpSync('dist/locales', join(folder, 'locales'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><html lang="fr-CA"><script type="module" src="/static/oauth-connect/1/oauth-connect.js"></script>${element}`,
  );
  const bundle = await visit(browser, site, '/index.html', 'Se connecter avec Ulule');
  assert.deepEqual(bundle.logged, []);
  const languages = bundle.requests.filter((path) => path != '/static/oauth-connect/1/oauth-connect.js');
  assert.ok(
    languages.every((path) => path == '/static/oauth-connect/1/locales/fr.js'),
    `only the French module, beside the bundle: ${languages}`,
  );
  console.log(
    `locales: dist/oauth-connect.js in a folder of its own speaks French (loaded: ${languages.join() || 'none'})`,
  );
} catch (error) {
  console.error(`locales: ${error.stack}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
