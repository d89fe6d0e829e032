// The server half's latency (`npm run bench`, after the build): createAuthHandler's `complete` and
// `getAccessToken` with sessions in Redis and in the sealed cookie, against a bare oauth4webapi code
// exchange, in one run, interleaved (each round runs every variant once, so a busy moment hits all
// alike), against the mock provider in OpenID Connect mode on loopback and Debian's redis-server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as oauth from 'oauth4webapi';
import { createClient } from 'redis';
import { startMockProvider } from '../dist/lib/mock-provider/index.js';
import { createAuthHandler } from '../dist/lib/server/index.js';
import { redisStore } from '../dist/lib/server/redis.js';
import { startRedis } from '../scripts/redis-server.js';

const SECRET = 'bench-secret-of-at-least-32-characters!';
const REDIRECT_URI = 'http://localhost:5173/callback.html';
const CLIENT = { id: 'demo-client', secret: 'demo-secret' };
const ORIGIN = 'https://app.example';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const time = async (run) => {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
};

export const benchServer = async ({ runs = Number(process.env.BENCH_SERVER_RUNS ?? 100) } = {}) => {
  const provider = await startMockProvider({ port: 0, host: 'localhost', autoApprove: true, oidc: true });
  const redis = await startRedis();
  const client = await createClient({ url: redis.url, disableOfflineQueue: true }).connect();
  try {
    const providers = {
      mock: {
        issuer: provider.issuer,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT_URI,
        scope: 'openid profile email',
      },
    };
    const handlers = {
      'sealed cookie': createAuthHandler({ secret: SECRET, providers }),
      Redis: createAuthHandler({ secret: SECRET, providers, store: redisStore(client) }),
    };
    const post = (handler, path, body, cookie = '') =>
      handler(
        new Request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: ORIGIN, Cookie: cookie },
          body: JSON.stringify(body),
        }),
      );
    const cookiesOf = (response) =>
      response.headers
        .getSetCookie()
        .filter((cookie) => !/Max-Age=0/.test(cookie))
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
    const authorize = async (url) => {
      const response = await fetch(url, { redirect: 'manual' });
      return new URL(response.headers.get('location')).searchParams;
    };

    // The bare exchange: oauth4webapi alone, as a partner who writes the rest would call it.
    const as = await oauth.processDiscoveryResponse(
      new URL(provider.issuer),
      await oauth.discoveryRequest(new URL(provider.issuer), { [oauth.allowInsecureRequests]: true }),
    );
    const bareClient = { client_id: CLIENT.id };
    const bare = async () => {
      const verifier = oauth.generateRandomCodeVerifier();
      const nonce = oauth.generateRandomNonce();
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: CLIENT.id,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'openid profile email',
        state: 'st',
        nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      }).toString();
      const params = await authorize(url);
      return time(async () => {
        const callback = oauth.validateAuthResponse(as, bareClient, params, 'st');
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          bareClient,
          oauth.ClientSecretBasic(CLIENT.secret),
          callback,
          REDIRECT_URI,
          verifier,
          { [oauth.allowInsecureRequests]: true },
        );
        return oauth.processAuthorizationCodeResponse(as, bareClient, response, { expectedNonce: nonce });
      });
    };
    const viaHandler = async (handler) => {
      const start = await post(handler, '/auth/start', { provider: 'mock' });
      const params = Object.fromEntries(await authorize((await start.json()).url));
      const complete = await time(() =>
        post(handler, '/auth/complete', { provider: 'mock', params }, cookiesOf(start)),
      );
      if (complete.result.status != 200) throw new Error(`bench: complete answered ${complete.result.status}`);
      const cookie = cookiesOf(complete.result);
      const access = await time(() =>
        handler.getAccessToken(new Request(`${ORIGIN}/api`, { headers: { Cookie: cookie } }), 'mock'),
      );
      return { complete: complete.ms, access: access.ms };
    };

    const samples = {
      bare: [],
      complete: { 'sealed cookie': [], Redis: [] },
      access: { 'sealed cookie': [], Redis: [] },
    };
    // Warm-up: discovery, JWKS, connections, JIT.
    for (let round = 0; round < 5; round++) {
      await bare();
      for (const handler of Object.values(handlers)) await viaHandler(handler);
    }
    for (let round = 0; round < runs; round++) {
      samples.bare.push((await bare()).ms);
      for (const [name, handler] of Object.entries(handlers)) {
        const { complete, access } = await viaHandler(handler);
        samples.complete[name].push(complete);
        samples.access[name].push(access);
      }
    }
    const bareMedian = median(samples.bare);
    const row = (what, values) => {
      const value = median(values);
      return `| ${what} | ${value.toFixed(2)} ms | ${(value / bareMedian).toFixed(2)} |`;
    };
    const table = [
      '| Server call (median) | Time | × bare exchange |',
      '| --- | --- | --- |',
      row('bare oauth4webapi code exchange (no signature check, no session)', samples.bare),
      row('`complete`, session in the sealed cookie', samples.complete['sealed cookie']),
      row('`complete`, session in Redis', samples.complete.Redis),
      row('`getAccessToken` (fresh token), sealed cookie', samples.access['sealed cookie']),
      row('`getAccessToken` (fresh token), Redis', samples.access.Redis),
    ].join('\n');
    return { table, runs };
  } finally {
    client.destroy();
    await redis.stop();
    await provider.close();
  }
};

/** bench/RESULTS.md's section for this part, between its markers, as run.js writes the others. */
export const writeServerResults = ({ table, runs }) => {
  const conditions = `${new Date().toISOString().slice(0, 10)}; Node ${process.version}; median of ${runs} interleaved rounds after 5 warm-up rounds; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; the mock provider (OpenID Connect mode) and redis-server on loopback.`;
  const body = `## The server half: handler latency

${conditions}

${table}

Each round signs in once per variant (authorize at the mock, not timed) and times the code exchange
alone for oauth4webapi, then \`complete\` (state binding, \`iss\`, exchange, ID token signature and
claims, session sealed or stored) and \`getAccessToken\` on the resulting cookie, for each handler.
\`bench/server.js\`.`;
  const start = '<!-- bench:server:start -->';
  const end = '<!-- bench:server:end -->';
  const text = existsSync('bench/RESULTS.md') ? readFileSync('bench/RESULTS.md', 'utf8') : '# Benchmark results\n';
  const section = `${start}\n\n${body}\n\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  writeFileSync(
    'bench/RESULTS.md',
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${section}\n`,
  );
  return conditions;
};

// `node bench/server.js` after `npm run build`: this part alone.
if (import.meta.url == `file://${process.argv[1]}`) {
  const result = await benchServer();
  console.log(`\n${result.table}\n\n${writeServerResults(result)}\n`);
}
