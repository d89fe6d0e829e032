// The recipes' nginx as a partner runs it in production: TLS with a certificate made here by
// openssl, proxying to an app on another loopback port. What the app receives is what the
// server-bound recipes build on: nginx's default `proxy_pass` sends `Host: 127.0.0.1:<port>`, so an
// app learns its public origin only from the headers the configuration adds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { freePort, send, workDir } from './harness.js';
import { makeCertificate, startNginx } from './nginx.js';

let work;
let app;
let nginx;
let certificate;
let publicPort;
let appPort;

/** GET `path` over https from nginx, trusting only the test's certificate. */
const get = (path) => send(`https://localhost:${publicPort}${path}`, { ca: certificate });

before(async () => {
  work = workDir('nginx');
  const pem = makeCertificate(work.dir);
  certificate = readFileSync(pem.certificate);
  [publicPort, appPort] = [await freePort(), await freePort()];
  app = createServer((req, res) => res.end(JSON.stringify({ url: req.url, headers: req.headers })));
  await new Promise((listening) => app.listen(appPort, '127.0.0.1', listening));
  nginx = await startNginx({
    dir: work.dir,
    port: publicPort,
    servers: `
server {
  listen 127.0.0.1:${publicPort} ssl;
  server_name localhost;
  ssl_certificate ${pem.certificate};
  ssl_certificate_key ${pem.key};
  location /plain/ {
    proxy_pass http://127.0.0.1:${appPort};
  }
  location /forwarded/ {
    proxy_pass http://127.0.0.1:${appPort};
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-Host $http_host;
  }
}`,
  });
});

after(async () => {
  await nginx?.stop();
  app?.close();
  work?.remove();
});

test('nginx answers over TLS with the certificate made at test time', async () => {
  const { status, body } = await get('/plain/x');
  assert.equal(status, 200);
  assert.equal(JSON.parse(body).url, '/plain/x');
});

test("nginx's default proxy_pass gives the app its own address as Host, and no forwarded headers", async () => {
  const { headers } = JSON.parse((await get('/plain/')).body);
  assert.equal(headers.host, `127.0.0.1:${appPort}`);
  assert.equal(headers['x-forwarded-proto'], undefined);
});

test('with X-Forwarded-Proto and -Host set, the app can learn the public origin', async () => {
  const { headers } = JSON.parse((await get('/forwarded/')).body);
  assert.equal(headers['x-forwarded-proto'], 'https');
  assert.equal(headers['x-forwarded-host'], `localhost:${publicPort}`);
});
