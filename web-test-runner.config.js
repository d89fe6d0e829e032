// Component tests in real browsers: every engine installed (see test/browsers.js
// for which, and how each is started). `OAUTH_CONNECT_BROWSERS=chromium,firefox` narrows.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { wtrBrowsers } from './test/browsers.js';

const { browsers, blockerBrowsers, concurrency } = await wtrBrowsers();

/** Tests that start every flow with a real click, so they also pass with the browser's popup blocker on. */
const clickDriven = ['test/unit/flow/cross-origin.test.ts'];

/**
 * Authorization servers' metadata for the discovery tests (test/unit/flow/issuer.test.ts), each
 * issuer under /issuers/<name> of the test server: `oidc` at OpenID Connect's well-known address,
 * `rfc8414` only at RFC 8414's, `liar` naming another issuer, `plain-http` with an http endpoint,
 * `slow` answering after a second, `missing` at neither address. Every answer is counted in /issuers/fetches.
 */
let metadataFetches = 0;
const issuerMetadata = (context, next) => {
  const oidc = /^\/issuers\/([\w-]+)\/\.well-known\/openid-configuration$/.exec(context.path);
  const rfc8414 = /^\/\.well-known\/oauth-authorization-server\/issuers\/([\w-]+)$/.exec(context.path);
  const name = oidc?.[1] ?? rfc8414?.[1];
  if (context.path == '/issuers/fetches') return void (context.body = { metadataFetches });
  if (!name || name == 'missing' || (name == 'rfc8414') == !!oidc) return next();
  metadataFetches++;
  const issuer = `${context.origin}/issuers/${name}`;
  const body = {
    issuer: name == 'liar' ? 'https://issuer.example' : issuer,
    authorization_endpoint:
      name == 'plain-http' ? 'http://provider.example/authorize' : `${context.origin}/test/fixtures/authorize.html`,
    authorization_response_iss_parameter_supported: true,
  };
  if (name != 'slow') return void (context.body = body);
  return new Promise((resolve) => setTimeout(resolve, 1000)).then(() => void (context.body = body));
};

/**
 * A stand-in for the partner's auth handler at /test-auth/<variant>[-<run>], for the element's server-bound
 * tests (the real createAuthHandler runs in test/e2e). `start` sends the popup to the test authorize
 * page, or with `silent` straight to a callback page without callback.js; `complete` answers Ada;
 * `session` answers Ada for `signed-in`, a page's 404 for `missing`, a 500 for `broken`.
 * Every request body is kept for /test-auth/requests.
 */
const authRequests = [];
const testAuth = async (context, next) => {
  const match = /^\/test-auth\/([\w-]+)\/(start|complete|session|logout)$/.exec(context.path);
  if (context.path == '/test-auth/requests') return void (context.body = authRequests);
  if (!match) return next();
  const [, variant, route] = match;
  let body = '';
  for await (const chunk of context.req) body += chunk;
  authRequests.push({ variant, route, body: body && JSON.parse(body) });
  const redirectUri = variant.startsWith('silent') ? '/test/fixtures/no-callback.html' : '/test/fixtures/callback.html';
  const state = 'server-state-' + authRequests.length;
  const answers = {
    start: {
      state,
      redirectUri,
      url: variant.startsWith('silent')
        ? redirectUri
        : `/test/fixtures/authorize.html?${new URLSearchParams({ redirect_uri: context.origin + redirectUri, state, ...(variant.startsWith('allow') && { 'test-respond': 'code' }) })}`,
    },
    complete: { account: { name: 'Ada' } },
    session: { accounts: variant.startsWith('signed-in') ? { mock: { name: 'Ada' } } : {} },
    logout: {},
  };
  if (route == 'session' && variant.startsWith('missing'))
    return void ((context.status = 404), (context.body = 'Not found'));
  if (route == 'session' && variant.startsWith('broken'))
    return void ((context.status = 500), (context.body = { error: 'server_error' }));
  context.body = answers[route];
};

export default {
  files: ['test/unit/**/*.test.ts'],
  nodeResolve: true,
  middleware: [issuerMetadata, testAuth],
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
