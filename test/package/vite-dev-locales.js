// French in Vite's dev server, the package installed as a dependency (packed), with
// Vite's defaults: dependencies are pre-bundled into node_modules/.vite/deps/, and a
// language is a module like any other, so no optimizeDeps setting is needed. The
// lean path with its French module, and oauth-connect/define, each speak French from
// the start and log nothing. Needs a build (npm run build).
import assert from 'node:assert/strict';
import process from 'node:process';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { writeConsumerApp } from '../../scripts/consumer-build.js';
import { chromiumLaunchOptions } from '../browsers.js';

const body =
  '<link rel="icon" href="data:,"><oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>';
const browser = await chromium.launch(chromiumLaunchOptions());

/** Serves an app whose only code is `main` on a French page; resolves with the label once French, and what was logged. */
async function devPage(main) {
  const { app, remove } = writeConsumerApp(main, { lang: 'fr', body });
  const server = await createServer({
    root: app,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  const page = await browser.newPage();
  try {
    const logged = [];
    // (Lit's own notice in development builds, which Vite's dev server uses, is not ours.)
    page.on(
      'console',
      (message) =>
        ['warning', 'error'].includes(message.type()) &&
        !/^Lit is in dev mode/.test(message.text()) &&
        logged.push(message.text()),
    );
    page.on('pageerror', (error) => logged.push(String(error)));
    await page.goto(server.resolvedUrls.local[0]);
    const label = page.locator('oauth-connect [part="label"]');
    // Vite's first visit may pre-bundle and reload: give it time.
    await label.filter({ hasText: 'Se connecter avec Ulule' }).waitFor({ timeout: 30000 });
    return { label: await label.textContent(), logged };
  } finally {
    await page.close();
    await server.close();
    remove();
  }
}

try {
  const lean = await devPage("import 'oauth-connect/element';\nimport 'oauth-connect/locales/fr';\n");
  assert.deepEqual(lean.logged, []);
  console.log('vite dev: oauth-connect/element with oauth-connect/locales/fr speaks French, no config');
  const define = await devPage("import 'oauth-connect/define';\n");
  assert.deepEqual(define.logged, []);
  console.log('vite dev: oauth-connect/define speaks French, no config');
} catch (error) {
  console.error(`vite dev: ${error.stack}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
