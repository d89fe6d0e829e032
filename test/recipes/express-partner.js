// A partner's Express back end, made from the packed tarball with Express 5 or Express 4: the
// handler against a provider that is never reached (a sign-in only starts here), each server file
// taking its port from PORT and its public address from PUBLIC_URL, and printing "listening" once
// it does; `useExpressProject` builds it for a suite and starts its servers, alone or behind nginx.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { after, before } from 'node:test';
import { freePort, makeProject, start, workDir } from './harness.js';
import { makeCertificate, startNginx } from './nginx.js';

/** The Express versions the recipes run on, by name: what makeProject installs as `express`. */
export const EXPRESS = { 'Express 5': 'express', 'Express 4': 'express@express4' };
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

/** The cookies of a response, by name: `{ name: 'attributes' }`. */
export const cookies = (response) =>
  Object.fromEntries(
    (response.headers['set-cookie'] ?? []).map((line) => {
      const [pair, ...attributes] = line.split(';');
      return [pair.slice(0, pair.indexOf('=')), attributes.join(';')];
    }),
  );

/**
 * In a `describe`: the partner's project with `dependency` as `express` (plus Vite and Redis),
 * made before its tests and removed after them with every process started. Returns `serve(file,
 * publicUrl?, env?)`, `behindNginx(file, forward)` and `project()`.
 */
export const useExpressProject = (dependency) => {
  let work;
  let project;
  const running = [];
  before(() => {
    work = workDir('express');
    const files = { 'auth.js': AUTH_JS, ...SERVERS, 'vite.config.js': VITE_CONFIG, 'index.html': '<!doctype html>\n' };
    project = makeProject(work.dir, files, [dependency, 'vite', 'redis']);
  });
  after(async () => {
    await Promise.all(running.map((server) => server.stop()));
    work?.remove();
  });

  /** Starts one of SERVERS on a free port: `{ url, port, output }`. */
  const serve = async (file, publicUrl, env = {}) => {
    const port = await freePort();
    const server = await start(process.execPath, [file], {
      cwd: project,
      env: { PORT: String(port), PUBLIC_URL: publicUrl ?? `http://127.0.0.1:${port}`, ...env },
      ready: /listening/,
    });
    running.push(server);
    return { url: `http://127.0.0.1:${port}`, port, output: server.output };
  };

  /**
   * nginx with TLS on a free port in front of `file`, forwarding the scheme and host when `forward`:
   * `{ publicUrl, ca, app }`.
   */
  const behindNginx = async (file, forward) => {
    const dir = join(work.dir, `nginx-${file}`);
    mkdirSync(dir);
    const pem = makeCertificate(dir);
    const port = await freePort();
    const publicUrl = `https://localhost:${port}`;
    const app = await serve(file, publicUrl);
    const forwarded = 'proxy_set_header X-Forwarded-Proto $scheme;\n    proxy_set_header X-Forwarded-Host $http_host;';
    const nginx = await startNginx({
      dir,
      port,
      servers: `server {
  listen 127.0.0.1:${port} ssl;
  server_name localhost;
  ssl_certificate ${pem.certificate};
  ssl_certificate_key ${pem.key};
  location / {
    proxy_pass http://127.0.0.1:${app.port};
    ${forward ? forwarded : ''}
  }
}`,
    });
    running.push(nginx);
    return { publicUrl, ca: readFileSync(pem.certificate), app };
  };

  /** Starts a command in the project (Vite, say), stopped with the rest. */
  const run = async (command, args, options) => {
    const started = await start(command, args, { cwd: project, ...options });
    running.push(started);
    return started;
  };

  return { serve, behindNginx, run };
};
