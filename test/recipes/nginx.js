// Debian's nginx in front of a partner's server, as in production: TLS with a certificate that
// openssl makes at test time (browsers accept it through Playwright's `ignoreHTTPSErrors`), on a
// loopback port, with its configuration, logs and temporary files in the test's own folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { start } from './harness.js';

/** Debian installs it outside a non-root user's PATH. */
export const nginxPath = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** A self-signed certificate for `localhost` and 127.0.0.1, valid for a day: `{ certificate, key }` paths. */
export const makeCertificate = (dir) => {
  const certificate = join(dir, 'certificate.pem');
  const key = join(dir, 'key.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
  const keyType = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync('openssl', ['req', '-x509', ...keyType, '-days', '1', ...subject, '-keyout', key, '-out', certificate], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { certificate, key };
};

/**
 * Starts nginx in the foreground with `servers` (the text of one or more `server { … }` blocks, as a
 * partner writes them in sites-enabled/) inside an `http` block whose paths all point into `dir`.
 * Resolves once it listens on `port`, with `{ stop, output }`.
 */
export const startNginx = async ({ dir, servers, port }) => {
  if (!nginxPath) throw new Error("The recipes need Debian's nginx (apt-get install nginx; .ci/run installs it).");
  const temp = join(dir, 'nginx-temp');
  mkdirSync(temp, { recursive: true });
  const config = join(dir, 'nginx.conf');
  writeFileSync(
    config,
    `daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log stderr notice;
events {}
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
${servers}
}
`,
  );
  // -e: the error log before the configuration is read (the default, /var/log/nginx, is root's).
  const nginx = await start(nginxPath, ['-p', dir, '-e', 'stderr', '-c', config], {
    ready: /start worker process|using the "\w+" event method/,
  });
  await waitForPort(port);
  return nginx;
};

/** Resolves once something accepts connections on 127.0.0.1:`port`. */
const waitForPort = async (port, timeout = 10_000) => {
  const until = Date.now() + timeout;
  for (;;) {
    const open = await new Promise((resolveOpen) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolveOpen(true)));
      socket.once('error', () => resolveOpen(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeout} ms`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
};
