// The README's Vite tip for the callback page script, in a real Vite production
// build of an app from the packed package: `?url&no-inline` gives the URL of an
// emitted file, identical to dist/callback.js, never a data: URL (Vite inlines
// small assets under plain `?url`, and a strict CSP refuses data: scripts).
// Needs a build (npm run build).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { buildConsumerApp } from '../../scripts/consumer-build.js';

const readme = readFileSync('README.md', 'utf8');
const tip = "import callbackUrl from 'oauth-connect/callback.js?url&no-inline';";
try {
  assert.ok(readme.includes(tip), `README.md shows ${tip}`);
  const files = await buildConsumerApp(`${tip}\ndocument.body.dataset.callback = callbackUrl;\n`);
  const main = Object.entries(files).find(
    ([name, bytes]) => name.endsWith('.js') && bytes.includes('dataset.callback'),
  );
  assert.ok(main, 'the app chunk');
  const code = main[1].toString();
  assert.ok(!code.includes('data:'), 'no data: URL in the app');
  const emitted = Object.keys(files).filter((name) => /callback.*\.js$/.test(name));
  assert.equal(emitted.length, 1, `one emitted callback script (${Object.keys(files)})`);
  assert.ok(code.includes('/' + emitted[0]), 'the app points at the emitted file');
  assert.deepEqual(files[emitted[0]], readFileSync('dist/callback.js'), 'the emitted file is dist/callback.js');
  console.log(`vite: ?url&no-inline emits ${emitted[0]} (dist/callback.js as is) and no data: URL`);
} catch (error) {
  console.error(`vite: ${error.message}`);
  process.exitCode = 1;
}
