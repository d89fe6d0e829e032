// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Test your sign-in in CI"; test/testing/run.js runs it in a consumer project.
// #region readme
// playwright.config.ts
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.PORT ?? 3000);
const site = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'tests',
  workers: 1,
  use: { baseURL: site },
  projects: [
    { name: 'chromium', testMatch: /sign-in\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'firefox', testMatch: /sign-in\.spec\.ts/, use: { ...devices['Desktop Firefox'] } },
  ],
  webServer: [
    {
      command:
        'npx oauth-connect-mock --port 0 --client-id partner-site --client-secret partner-secret ' +
        `--client-name "Partner Site" --redirect-uri ${site}/callback.html`,
      wait: { stdout: /"url":"(?<oauth_connect_mock_url>[^"]+)"/ },
    },
    { command: 'node server.js', url: site, env: { PORT: String(port) } },
  ],
});
// #endregion readme
