// French in Vite's dev server, the package installed as a dependency (packed).
// The dev server bundles dependencies into node_modules/.vite/deps/, where the
// module's `import.meta.url` no longer has the language files beside it: the
// element then stays English and its one warning says to add 'oauth-connect' to
// optimizeDeps.exclude (the README's advice), with which French loads. Should a
// Vite release find the files without it, the first case may speak French too.
// Needs a build (npm run build).
import assert from 'node:assert/strict';
import process from 'node:process';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { writeConsumerApp } from '../../scripts/consumer-build.js';
import { chromiumLaunchOptions } from '../browsers.js';

const body =
  '<link rel="icon" href="data:,"><oauth-connect provider="ulule" client-id="c" redirect-uri="/cb"></oauth-connect>';
const { app, remove } = writeConsumerApp("import 'oauth-connect/define';\n", { lang: 'fr', body });
const browser = await chromium.launch(chromiumLaunchOptions());

/** Serves the app with `optimizeDeps`; resolves with the label once it settles and the warnings. */
async function devPage(optimizeDeps) {
  const server = await createServer({
    root: app,
    configFile: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
    optimizeDeps,
  });
  await server.listen();
  const page = await browser.newPage();
  try {
    const warnings = [];
    let warned;
    const warning = new Promise((resolve) => (warned = resolve));
    page.on('console', (message) => {
      if (message.type() != 'warning' || !/^oauth-connect:/.test(message.text())) return;
      warnings.push(message.text());
      warned();
    });
    await page.goto(server.resolvedUrls.local[0]);
    const label = page.locator('oauth-connect [part="label"]');
    // Settled: French, or the warning.
    await Promise.race([label.filter({ hasText: 'Se connecter avec Ulule' }).waitFor({ timeout: 30000 }), warning]);
    return { label: await label.textContent(), warnings };
  } finally {
    await page.close();
    await server.close();
  }
}

try {
  const bundled = await devPage({});
  if (bundled.label != 'Se connecter avec Ulule') {
    assert.equal(bundled.label, 'Sign in with Ulule');
    assert.equal(bundled.warnings.length, 1, `one warning: ${bundled.warnings}`);
    assert.match(bundled.warnings[0], /add 'oauth-connect' to optimizeDeps\.exclude/);
    console.log(`vite dev: pre-bundled, the element stays English and warns: ${bundled.warnings[0]}`);
  } else console.log('vite dev: pre-bundled, the element speaks French');
  const excluded = await devPage({ exclude: ['oauth-connect'] });
  assert.equal(excluded.label, 'Se connecter avec Ulule');
  assert.deepEqual(excluded.warnings, []);
  console.log("vite dev: with optimizeDeps.exclude: ['oauth-connect'], the element speaks French");
} catch (error) {
  console.error(`vite dev: ${error.stack}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  remove();
}
