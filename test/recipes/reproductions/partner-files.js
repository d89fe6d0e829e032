// A partner's Express back end for the reproductions: the handler against a provider that is never
// reached (a sign-in only starts here), each server file taking its port from PORT and its public
// address from PUBLIC_URL, and printing "listening" once it does.
export const AUTH_JS = `import { createAuthHandler } from 'oauth-connect/server';

export const makeAuth = (options = {}) =>
  createAuthHandler({
    secret: 'a-test-secret-of-at-least-32-characters',
    providers: {
      mock: {
        authorizeUrl: 'http://127.0.0.1:9/authorize',
        tokenUrl: 'http://127.0.0.1:9/token',
        userInfoUrl: 'http://127.0.0.1:9/me',
        clientId: 'partner',
        clientSecret: 'partner-secret',
        redirectUri: \`\${process.env.PUBLIC_URL}/callback.html\`,
      },
    },
    ...options,
  });

export const listen = (app) =>
  app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

/** Server files by name: each the few lines the README gives for its case. */
export const SERVERS = {
  // Behind a proxy that says what the browser asked for: trustProxy, given once, to the handler.
  'trusted-proxy.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const app = express();
app.use(toNodeHandler(makeAuth({ trustProxy: true })));
listen(app);
`,
  // Behind a proxy that forwards nothing, with the public origin allowed by name.
  'named-origin.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const app = express();
app.use(toNodeHandler(makeAuth({ origins: [process.env.PUBLIC_URL] })));
listen(app);
`,
  // Mounted under /api/auth: basePath given once, to the handler, then mounted at the root …
  'mounted.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const app = express();
app.use(toNodeHandler(makeAuth({ basePath: '/api/auth' })));
listen(app);
`,
  // … or under /api, as Express apps group their API routes.
  'mounted-under-api.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const app = express();
app.use('/api', toNodeHandler(makeAuth({ basePath: '/api/auth' })));
listen(app);
`,
  // The partner's own API route, behind requireAccessToken.
  'api-route.js': `import express from 'express';
import { requireAccessToken, toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const auth = makeAuth();
const app = express();
app.use(toNodeHandler(auth));
app.get('/api/orders', requireAccessToken(auth, 'mock'), (req, res) => res.json({ orders: [] }));
listen(app);
`,
  // Sessions in Redis, with the README's client as it is written (no 'error' listener of its own).
  'redis-sessions.js': `import express from 'express';
import { createClient } from 'redis';
import { toNodeHandler } from 'oauth-connect/server/node';
import { redisStore } from 'oauth-connect/server/redis';
import { listen, makeAuth } from './auth.js';

const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
const app = express();
app.use(toNodeHandler(makeAuth({ store: redisStore(redis) })));
listen(app);
`,
  // An Express route that hands Express's req to getAccessToken, and reports what it says.
  'express-req.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const auth = makeAuth();
const app = express();
app.use(toNodeHandler(auth));
app.get('/api/orders', async (req, res) => {
  try {
    res.json(await auth.getAccessToken(req, 'mock'));
  } catch (error) {
    res.status(500).json({ message: error.message });
  }
});
listen(app);
`,
  // Plain http, as a developer starts it.
  'plain.js': `import express from 'express';
import { toNodeHandler } from 'oauth-connect/server/node';
import { listen, makeAuth } from './auth.js';

const app = express();
app.use(toNodeHandler(makeAuth()));
listen(app);
`,
};

/** Vite's dev server in front of the back end (BACKEND): the proxy settings the README gives. */
export const VITE_CONFIG = `export default {
  server: {
    proxy: {
      '/auth': { target: process.env.BACKEND, changeOrigin: true, xfwd: true },
    },
  },
};
`;
