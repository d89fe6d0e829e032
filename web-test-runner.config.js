// Component tests in real browsers: every engine installed (see test/browsers.js
// for which, and how each is started). `OAUTH_CONNECT_BROWSERS=chromium,firefox` narrows.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { wtrBrowsers } from './test/browsers.js';

const { browsers, blockerBrowsers, concurrency } = await wtrBrowsers();

/** Tests that start every flow with a real click, so they also pass with the browser's popup blocker on. */
const clickDriven = ['test/unit/cross-origin.test.ts'];

export default {
  files: ['test/unit/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' })],
  browsers,
  groups: blockerBrowsers.length
    ? [
        {
          // Each engine again with its own popup blocker: the click → window.open
          // path must not lose the user activation (no await before the popup opens).
          name: 'popup-blocker',
          files: clickDriven,
          browsers: blockerBrowsers,
          testRunnerHtml: (testFramework) =>
            `<!doctype html><html><body><script>window.popupBlockerOn = true;</script>` +
            `<script type="module" src="${testFramework}"></script></body></html>`,
        },
      ]
    : [],
  concurrency,
  // One engine at a time: the tests measure popup timing on 2-core machines.
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
};
