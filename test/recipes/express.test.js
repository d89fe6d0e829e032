// A partner's Express back end where partners run it, from the packed tarball, on Express 5 and
// Express 4: behind Debian's nginx terminating TLS, behind Vite's dev server, mounted under
// /api/auth, on plain http off loopback, with Redis that restarts, a route behind requireAccessToken,
// and an Express route that hands the handler Express's req.
import assert from 'node:assert/strict';
import process from 'node:process';
import { describe, test } from 'node:test';
import { startRedis } from '../../scripts/redis-server.js';
import { cookies, EXPRESS, useExpressProject } from './express-partner.js';
import { elementPost, freePort, send } from './harness.js';

for (const [express, dependency] of Object.entries(EXPRESS))
  describe(express, () => {
    const { serve, behindNginx, run } = useExpressProject(dependency);

    test('behind nginx, with trustProxy given once to the handler, a same-origin start is accepted, its cookie __Host- and Secure', async () => {
      const { publicUrl, ca } = await behindNginx('trusted-proxy.js', true);
      const response = await send(`${publicUrl}/auth/start`, { ...elementPost(publicUrl, { provider: 'mock' }), ca });
      assert.equal(response.status, 200, response.body);
      const flow = cookies(response)['__Host-oauth-connect-flow'];
      assert.ok(flow !== undefined, `the flow cookie is __Host-: ${Object.keys(cookies(response))}`);
      assert.match(flow, /;\s*Secure/i);
    });

    test('behind nginx that forwards nothing, with the https origin allowed by name, cookies are still __Host- and Secure', async () => {
      const { publicUrl, ca } = await behindNginx('named-origin.js', false);
      const response = await send(`${publicUrl}/auth/start`, { ...elementPost(publicUrl, { provider: 'mock' }), ca });
      assert.equal(response.status, 200, response.body);
      assert.deepEqual(Object.keys(cookies(response)), ['__Host-oauth-connect-flow']);
    });

    test("behind Vite's dev server (its proxy with changeOrigin and xfwd), a same-origin start is accepted", async () => {
      const port = await freePort();
      const site = `http://127.0.0.1:${port}`;
      const app = await serve('trusted-proxy.js', site);
      await run(
        process.execPath,
        ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
        { env: { BACKEND: app.url }, ready: /ready in/ },
      );
      const response = await send(`${site}/auth/start`, elementPost(site, { provider: 'mock' }));
      assert.equal(response.status, 200, response.body);
    });

    test('a refused POST names the options to look at, and the log says both origins once', async () => {
      const app = await serve('plain.js');
      for (let i = 0; i < 2; i++) {
        const response = await send(
          `${app.url}/auth/start`,
          elementPost('https://partner.example', { provider: 'mock' }),
        );
        assert.equal(response.status, 403);
        const { error_description } = JSON.parse(response.body);
        assert.match(error_description, /^Cross-origin request refused\..*trustProxy.*origins/s);
        assert.doesNotMatch(error_description, /127\.0\.0\.1/, 'the computed origin is for the log only');
      }
      const logged = app
        .output()
        .match(
          /refused a POST whose Origin \(https:\/\/partner\.example\) is not this server's \(http:\/\/127\.0\.0\.1:\d+\); host: 127\.0\.0\.1:\d+/g,
        );
      assert.equal(logged?.length, 1, app.output());
    });

    test('mounted under /api/auth with basePath given once, the handler answers there, under /api too', async () => {
      for (const file of ['mounted.js', 'mounted-under-api.js']) {
        const app = await serve(file);
        const response = await send(`${app.url}/api/auth/session`);
        assert.equal(response.status, 200, `${file}: ${response.body.slice(0, 200)}`);
        assert.deepEqual(JSON.parse(response.body), { accounts: {} });
      }
    });

    test("Express's req given to getAccessToken: the error says to wrap it with toWebRequest", async () => {
      const app = await serve('express-req.js');
      const response = await send(`${app.url}/api/orders`);
      assert.match(
        JSON.parse(response.body).message,
        /getAccessToken needs a Fetch Request; wrap .* toWebRequest\(req\)/,
      );
    });

    test('plain http on a host that is not loopback: start is refused, saying the session cookie needs https', async () => {
      const app = await serve('plain.js');
      const origin = `http://partner.test:${app.port}`;
      const post = elementPost(origin, { provider: 'mock' });
      const response = await send(`${app.url}/auth/start`, {
        ...post,
        headers: { ...post.headers, Host: `partner.test:${app.port}` },
      });
      assert.equal(response.status, 400, response.body);
      assert.match(JSON.parse(response.body).error_description, /^The session cookie needs https/);
    });

    test('a Redis that goes down and comes back: the process keeps answering, then recovers', async () => {
      let redis = await startRedis();
      try {
        const app = await serve('redis-sessions.js', undefined, { REDIS_URL: redis.url });
        assert.equal((await send(`${app.url}/auth/session`)).status, 200);
        await redis.stop();
        const { port } = redis;
        redis = undefined;
        await new Promise((wait) => setTimeout(wait, 500));
        const during = await send(`${app.url}/auth/session`).catch((error) => error);
        assert.ok(!(during instanceof Error), `the process still answers: ${during.message}\n${app.output()}`);
        redis = await startRedis({ port });
        await new Promise((wait) => setTimeout(wait, 1500));
        assert.equal((await send(`${app.url}/auth/session`)).status, 200, app.output());
        // The handler's listener: the outage said once, and its end.
        assert.equal(app.output().match(/Redis is unreachable/g)?.length, 1, app.output());
        assert.match(app.output(), /Redis is back/);
      } finally {
        await redis?.stop();
      }
    });

    test('a signed-out request to a requireAccessToken route gets JSON 401 login_required, and the process lives', async () => {
      const app = await serve('api-route.js');
      const response = await send(`${app.url}/api/orders`);
      assert.equal(response.status, 401, response.body.slice(0, 300));
      assert.match(response.headers['content-type'], /^application\/json/);
      assert.equal(JSON.parse(response.body).error, 'login_required');
      assert.equal((await send(`${app.url}/auth/session`)).status, 200, 'still answering');
    });
  });
