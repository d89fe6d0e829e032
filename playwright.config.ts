import { defineConfig, devices, type LaunchOptions, type PlaywrightTestProject } from '@playwright/test';
import { createServer } from 'node:net';

/**
 * End-to-end tests (test/e2e): the demo (Vite) and the mock provider on two
 * origins, driven through real popups in real browsers; and HTTP tests of the
 * provider and the server helper (*.api.spec.ts, no browser).
 */

// test/browsers.js (plain JS, shared with web-test-runner) decides where the system browsers
// are and how they start: Playwright's defaults, but with storage partitioning on, as users have it.
const { firefoxPath, chromiumLaunchOptions, firefoxUserPrefs } = (await import('./test/browsers.js' as string)) as {
  firefoxPath?: string;
  chromiumLaunchOptions: (options?: { popupBlocker?: boolean }) => LaunchOptions;
  firefoxUserPrefs: (options?: { popupBlocker?: boolean }) => Record<string, string | number | boolean>;
};

/** A free port, picked once: workers inherit it through the environment. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() => resolve(typeof address == 'object' && address ? address.port : 0));
    });
  });
process.env.E2E_DEMO_PORT ||= String(await freePort());
process.env.E2E_PROVIDER_PORT ||= String(await freePort());
// A second mock provider that approves at once (test/e2e/security-helpers.ts).
process.env.E2E_AUTO_PROVIDER_PORT ||= String(await freePort());
const demoPort = Number(process.env.E2E_DEMO_PORT);
const providerPort = Number(process.env.E2E_PROVIDER_PORT);

/** OAUTH_CONNECT_BROWSERS=chromium,firefox narrows the engines, as for the component tests. */
const wanted = (engine: string) => {
  const list = process.env.OAUTH_CONNECT_BROWSERS;
  return (
    !list ||
    list
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .includes(engine)
  );
};

const chromium = (options: { popupBlocker?: boolean } = {}) => ({
  ...devices['Desktop Chrome'],
  browserName: 'chromium' as const,
  launchOptions: chromiumLaunchOptions(options),
});

const uiTests = /\.ui\.spec\.ts$/;
const projects: PlaywrightTestProject[] = [{ name: 'api', testMatch: /\.api\.spec\.ts$/ }];
if (wanted('chromium'))
  projects.push(
    { name: 'chromium', testMatch: uiTests, use: chromium() },
    {
      // Playwright turns the popup blocker off by default; this project turns it back on,
      // as every user has it, to prove a real click still opens the popup.
      name: 'chromium-popup-blocker',
      testMatch: /popup-blocker\.spec\.ts$/,
      use: chromium({ popupBlocker: true }),
    },
    {
      // The gallery against committed baselines; Chromium only, one fixed viewport and font size.
      // Update: `npm run test:screenshots -- --update-snapshots`.
      name: 'chromium-screenshots',
      testMatch: /\.screenshot\.spec\.ts$/,
      use: { ...chromium(), viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 },
      // A full-page shot takes seconds on a busy 2-core machine.
      expect: { toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', timeout: 20_000 } },
    },
  );
if (wanted('firefox'))
  projects.push({
    name: 'firefox',
    testMatch: uiTests,
    use: {
      ...devices['Desktop Firefox'],
      browserName: 'firefox',
      // Stock Firefox (Debian's firefox-esr) over WebDriver BiDi; see ../shared/BROWSERS.md.
      channel: 'moz-firefox',
      launchOptions: { ...(firefoxPath && { executablePath: firefoxPath }), firefoxUserPrefs: firefoxUserPrefs() },
    },
  });

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${demoPort}`,
    trace: 'retain-on-failure',
  },
  projects,
  webServer: {
    // The demo exactly as `npm start` runs it, with the mock provider on its own origin.
    command: `node node_modules/vite/bin/vite.js --port ${demoPort} --strictPort`,
    url: `http://localhost:${demoPort}/`,
    env: { MOCK_PROVIDER_PORT: String(providerPort), MOCK_PROVIDER_AUTO_PORT: process.env.E2E_AUTO_PROVIDER_PORT },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
