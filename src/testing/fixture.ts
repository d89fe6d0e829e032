import {
  test as base,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from '@playwright/test';
import { startMockProvider, type StartMockProviderOptions } from '../mock-provider/index.js';
import { MOCK_ISSUER_ENV, MOCK_URL_ENV, profileFromEnv } from './global.js';
import { localHandle, remoteHandle, type TestMockProvider } from './handle.js';

/** The fixture's options: `test.use({ … })` or a project's `use`. */
export interface MockProviderOptionsFixtures {
  /**
   * The mock to drive. Default: the one `setUpMockProvider` started
   * (`OAUTH_CONNECT_MOCK_URL`). Its knobs work on any mock provider, the
   * command's too; `issueCode`, `issueToken`, `addUser` and the request log
   * need `setUpMockProvider`'s.
   */
  mockProviderUrl: string | undefined;
  /**
   * Given, each worker starts a mock of its own with these options (clients,
   * users, issuers, `oidc`, knobs), for an app that learns the provider's URL
   * from the test (a page it navigates to, a route it fulfils) rather than
   * from `webServer`. Also the default when no URL is known.
   */
  mockProviderOptions: StartMockProviderOptions | undefined;
}

interface WorkerFixtures extends MockProviderOptionsFixtures {
  mockProviderOfWorker: TestMockProvider;
}

export interface MockProviderFixtures {
  /** The mock provider, reset before each test (whether the test uses it or not). */
  mockProvider: TestMockProvider;
}

/**
 * Playwright's `test` with the mock provider: `import { test, expect } from 'oauth-connect/testing'`.
 * Compose it with your own fixtures through `mergeTests` or `test.extend`. Its type is spelt out so
 * that the published .d.ts names `@playwright/test`, the package partners have, and not the
 * `playwright/test` inside it that TypeScript would infer.
 */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & MockProviderFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & WorkerFixtures
> = base.extend<MockProviderFixtures, WorkerFixtures>({
  mockProviderUrl: [process.env[MOCK_URL_ENV], { scope: 'worker', option: true }],
  mockProviderOptions: [undefined, { scope: 'worker', option: true }],
  mockProviderOfWorker: [
    async ({ mockProviderUrl, mockProviderOptions }, use) => {
      if (mockProviderUrl && !mockProviderOptions) {
        const own = mockProviderUrl == process.env[MOCK_URL_ENV];
        return use(
          remoteHandle(
            mockProviderUrl,
            own ? process.env[MOCK_ISSUER_ENV] : undefined,
            own ? profileFromEnv() : undefined,
          ),
        );
      }
      const provider = await startMockProvider(mockProviderOptions);
      try {
        await use(localHandle(provider));
      } finally {
        await provider.close();
      }
    },
    { scope: 'worker', box: true },
  ],
  mockProvider: [
    async ({ mockProviderOfWorker }, use) => {
      // Before, not after: a test that failed half-way leaves its state for its trace, and the next starts clean.
      await mockProviderOfWorker.reset();
      await use(mockProviderOfWorker);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
