// Which browsers the tests run in. On a machine with Debian's browsers
// (see .ci/run) the system binaries are used; elsewhere Playwright's own
// downloaded browsers. OAUTH_CONNECT_BROWSERS=chromium,firefox narrows the set.
import { existsSync } from 'node:fs';

const pick = (...paths) => paths.find((path) => path && existsSync(path));

export const chromiumPath = pick(process.env.CHROMIUM_PATH, '/usr/bin/chromium');
export const firefoxPath = pick(process.env.FIREFOX_PATH, '/usr/bin/firefox-esr');

const wanted = (name) => {
  const list = process.env.OAUTH_CONNECT_BROWSERS;
  return !list || list.split(',').includes(name);
};

/** Browsers for web-test-runner. */
export async function wtrBrowsers() {
  const { playwrightLauncher } = await import('@web/test-runner-playwright');
  const browsers = [];
  if (wanted('chromium'))
    browsers.push(
      playwrightLauncher({
        product: 'chromium',
        launchOptions: chromiumPath ? { executablePath: chromiumPath } : {},
      }),
    );
  const names = browsers.map((b) => b.name);
  console.log(`oauth-connect: component tests run in ${names.join(', ')}`);
  return { browsers, concurrency: 2 };
}
