// A partner's server as a process of its own, for the tests that need several on their own ports:
// createAuthHandler under /auth/*, and /api/token calling getAccessToken, as a partner's API would.
// Plain JS on the built package (dist/), because Node 20 runs no TypeScript.
//
//   node test/e2e/partner-server.mjs <port>      (0: any free port)
//   OAUTH_CONNECT_SECRET    the handler's secret
//   OAUTH_CONNECT_PROVIDER  the `mock` provider's settings, as JSON
//   REDIS_URL               sessions in this Redis (redisStore); without it, the sealed cookie
//
// Prints "partner-server ready on port N" once it listens; exits on SIGTERM, and when its
// parent goes (stdin closes), so that a test runner that dies leaves no server behind.
import { createServer } from 'node:http';

const fromDist = async () => {
  try {
    return await Promise.all([
      import('../../dist/lib/server/index.js'),
      import('../../dist/lib/server/node.js'),
      import('../../dist/lib/server/redis.js'),
    ]);
  } catch (error) {
    if (error?.code == 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('/dist/lib/server/')) {
      console.error('partner-server: dist/lib/server/ is missing: run npm run build first.');
      process.exit(2);
    }
    throw error;
  }
};
const [{ createAuthHandler }, { toNodeHandler, toWebRequest }, { redisStore }] = await fromDist();

const port = Number(process.argv[2] ?? 0);
const secret = process.env.OAUTH_CONNECT_SECRET;
const provider = JSON.parse(process.env.OAUTH_CONNECT_PROVIDER ?? 'null');
if (!secret || !provider || !Number.isInteger(port)) {
  console.error('partner-server: needs a port argument, OAUTH_CONNECT_SECRET and OAUTH_CONNECT_PROVIDER.');
  process.exit(2);
}

let client;
if (process.env.REDIS_URL) {
  const { createClient } = await import('redis');
  // No offline queue: a Redis that is down fails a request at once instead of queueing it.
  client = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
  client.on('error', () => {}); // it reconnects by itself; the requests report the failure
  await client.connect();
}

const handler = createAuthHandler({
  secret,
  providers: { mock: provider },
  ...(client && { store: redisStore(client) }),
});
const auth = toNodeHandler(handler);
const sendJson = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const server = createServer((req, res) => {
  if (req.url != '/api/token') return void auth(req, res);
  handler.getAccessToken(toWebRequest(req), 'mock').then(
    ({ accessToken }) => sendJson(res, 200, { accessToken }),
    (error) => sendJson(res, error.status ?? 500, { error: error.error ?? 'server_error' }),
  );
});
server.listen(port, 'localhost', () => console.log(`partner-server ready on port ${server.address().port}`));

const stop = () => {
  server.closeAllConnections();
  server.close(() => {
    client?.destroy();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop).resume();
