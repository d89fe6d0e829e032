// Renders demo/gallery.html to docs/gallery.png (the README's picture): the demo's
// Vite server on a free port, headless Chromium (test/browsers.js picks and starts it), a
// fixed viewport, animations stopped, the gallery's own web fonts (demo/gallery.css),
// so it is the screenshot tests' picture. `npm run gallery:png [-- out.png]`.
import { mkdir } from 'node:fs/promises';
import { createServer as netServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../test/browsers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(root, process.argv[2] ?? 'docs/gallery.png');

const freePort = () =>
  new Promise((done, fail) => {
    const server = netServer();
    server.once('error', fail);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

// The demo plugin also starts the mock provider: keep it off the default port.
process.env.MOCK_PROVIDER_PORT ||= String(await freePort());
const vite = await createServer({
  configFile: resolve(root, 'vite.config.ts'),
  server: { port: await freePort(), strictPort: true },
  logLevel: 'warn',
});
await vite.listen();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(new URL('/gallery.html', vite.resolvedUrls.local[0]).href);
  await page.waitForSelector('html[data-ready]');
  await page.evaluate(() => document.fonts.ready);
  if (errors.length) throw errors[0];
  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true, animations: 'disabled' });
  console.log(`gallery: ${out}`);
} finally {
  await browser.close();
  await vite.close();
}
