import {
  startMockProvider,
  type MockProfileName,
  type RunningMockProvider,
  type StartMockProviderOptions,
} from '../mock-provider/index.js';
import { withControl } from './control.js';
import { urlsOf } from './handle.js';

/** Where the mock's URL travels to Playwright's workers and `webServer`: the environment, inherited. */
export const MOCK_URL_ENV = 'OAUTH_CONNECT_MOCK_URL';
/** Its issuer identifier, when the `issuer` option names one other than the URL. */
export const MOCK_ISSUER_ENV = 'OAUTH_CONNECT_MOCK_ISSUER';
/** The provider it plays (`profile`), when it plays one: its URLs are that provider's paths. */
export const MOCK_PROFILE_ENV = 'OAUTH_CONNECT_MOCK_PROFILE';

/** The profile `setUpMockProvider`'s mock plays, as its environment says. */
export const profileFromEnv = (): MockProfileName | undefined => {
  const value = process.env[MOCK_PROFILE_ENV];
  return value == 'ulule' || value == 'ultracart' ? value : undefined;
};

/** What `setUpMockProvider` gives the config: the mock's URLs, and the environment that carries them. */
export interface MockProviderSetUp extends ReturnType<typeof urlsOf> {
  /** `{ OAUTH_CONNECT_MOCK_URL, OAUTH_CONNECT_MOCK_ISSUER? }`: spread it into `webServer.env`. */
  env: Record<string, string>;
}

let running: Promise<RunningMockProvider> | undefined;

const setUpOf = (url: string, issuer: string, profile: MockProfileName | undefined): MockProviderSetUp => ({
  ...urlsOf(url, issuer, profile),
  env: {
    [MOCK_URL_ENV]: url,
    ...(issuer != url && { [MOCK_ISSUER_ENV]: issuer }),
    ...(profile && { [MOCK_PROFILE_ENV]: profile }),
  },
});

/**
 * The global set-up: call it at the top of `playwright.config.ts`. Playwright
 * starts `webServer` before its `globalSetup` and before any worker, and loads
 * the config in the runner first: so the mock starts there, at load time, and
 * its URL is known to the `webServer` entries the same config declares. The
 * runner's children (workers, the test loader) load the config again and
 * inherit `OAUTH_CONNECT_MOCK_URL`: there this starts nothing and returns the
 * same URLs, and the fixture drives that one mock over HTTP.
 *
 * With `OAUTH_CONNECT_MOCK_URL` already set (a mock started elsewhere), nothing is started.
 */
export const setUpMockProvider = async (options: StartMockProviderOptions = {}): Promise<MockProviderSetUp> => {
  const inherited = process.env[MOCK_URL_ENV];
  if (!running && inherited) return setUpOf(inherited, process.env[MOCK_ISSUER_ENV] ?? inherited, profileFromEnv());
  running ??= startMockProvider(options).then((provider) => {
    // The control endpoints in front of the provider's own handler (see control.ts).
    provider.server.removeAllListeners('request');
    provider.server.on('request', withControl(provider));
    // It lives as long as the runner, and never keeps it from exiting.
    provider.server.unref();
    process.env[MOCK_URL_ENV] = provider.url;
    if (provider.issuer != provider.url) process.env[MOCK_ISSUER_ENV] = provider.issuer;
    if (provider.profile) process.env[MOCK_PROFILE_ENV] = provider.profile;
    return provider;
  });
  const provider = await running;
  return setUpOf(provider.url, provider.issuer, provider.profile);
};
