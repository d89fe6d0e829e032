// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Test your sign-in in CI"; test/testing/run.js runs it in a consumer project.
// #region readme
// playwright.config.ts
import { defineConfig, devices } from '@playwright/test';
import { setUpMockProvider } from 'oauth-connect/testing';

const port = Number(process.env.PORT ?? 3000);
const site = `http://localhost:${port}`;

// Started here, in Playwright's runner, before webServer; the workers reuse it.
const mock = await setUpMockProvider({
  clients: [
    {
      clientId: 'partner-site',
      clientSecret: 'partner-secret',
      name: 'Partner Site',
      redirectUris: [`${site}/callback.html`],
    },
  ],
});

export default defineConfig({
  testDir: 'tests',
  workers: 1,
  forbidOnly: !!process.env.CI,
  use: { baseURL: site, trace: 'retain-on-failure' },
  projects: [
    { name: 'back-end', testMatch: /back-end\.spec\.ts/ },
    { name: 'chromium', testMatch: /sign-in\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'firefox', testMatch: /sign-in\.spec\.ts/, use: { ...devices['Desktop Firefox'] } },
  ],
  webServer: {
    command: 'node server.js',
    url: site,
    env: { PORT: String(port), ...mock.env }, // the back end reads OAUTH_CONNECT_MOCK_URL
  },
});
// #endregion readme
