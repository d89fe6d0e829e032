// A tiny static file server over the project root for the browser checks
// that load built files from plain HTML pages (test/package, bench). Only
// files under the root are served; nothing is transformed.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };

/**
 * Starts serving `root` on a free port of 127.0.0.1; resolves with `{ origin, close }`.
 * `isolated`: send COOP/COEP so pages are cross-origin isolated (finer timers).
 */
export function serveStatic(root, { isolated = false } = {}) {
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    let file;
    try {
      file = path.startsWith(root + sep) && statSync(path).isFile() && path;
    } catch {
      file = undefined;
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': `${types[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
      'cache-control': 'no-store',
      ...(isolated && {
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      }),
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}
