// Component tests in real browsers. Which engines run is decided in
// test/browsers.js (system browsers on Debian, Playwright's own elsewhere).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { wtrBrowsers } from './test/browsers.js';

const { browsers, concurrency } = await wtrBrowsers();

export default {
  files: ['test/unit/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' })],
  browsers,
  concurrency,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
};
