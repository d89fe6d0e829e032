// `npm pack` as a new user runs it, from a fresh clone of the committed tree: `dist/` is not
// committed, so the tarball has the built files only if packing builds them (`prepack`). The list of
// files to look for comes from package.json (every file `exports` and `bin` name), so a new entry
// point is checked the day it is added. It tests what is committed (HEAD), not the work tree.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { after, before, test } from 'node:test';

const repo = resolve(import.meta.dirname, '../..');

/** Every target of an `exports` value: a string, a conditions object or an array, at any depth. */
const targets = (value) =>
  typeof value == 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(targets)
      : value && typeof value == 'object'
        ? Object.values(value).flatMap(targets)
        : [];

/** The paths package.json promises, as they appear in the tarball (`package/…`); `*` stays a pattern. */
export const promisedFiles = (pkg) => {
  const bins = typeof pkg.bin == 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  const all = [...targets(pkg.exports), ...bins].map((path) => path.replace(/^\.\//, ''));
  return [...new Set(all)].sort();
};

/** A promised path as a test on the tarball's file list: a `*` matches one or more characters, `/` included. */
const matcher = (path) => {
  const pattern = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.+')}$`);
};

/** `.ci/npm-install` in `dir`, as CI runs it. */
const install = (dir) =>
  spawnSync(join(dir, '.ci/npm-install'), ['--prefer-offline', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });

let work;
let clone;
let installed;
let packed;
let pkg;
let seconds;

before(() => {
  const started = performance.now();
  work = mkdtempSync(join(tmpdir(), 'oauth-connect-pack-'));
  clone = join(work, 'oauth-connect');
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-checkout', repo, clone], { stdio: 'inherit' });
  execFileSync('git', ['checkout', '--quiet', head], { cwd: clone, stdio: 'inherit' });
  // CI's install (it fails when npm rewrites a tracked file); the npm cache serves what it has.
  installed = install(clone);
  assert.equal(installed.status, 0, `.ci/npm-install failed in a fresh clone:\n${installed.stderr}`);
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: clone,
      encoding: 'utf8',
      // prepack sends the build's output to stderr, so that the JSON report on stdout stays
      // parseable; a failed build's output is in the error thrown.
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  packed = report.files.map((file) => file.path);
  pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
  seconds = ((performance.now() - started) / 1000).toFixed(0);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball of a fresh clone holds every file that exports and bin name', (t) => {
  t.diagnostic(`clone, npm install and npm pack took ${seconds} s; ${packed.length} files packed`);
  const promised = promisedFiles(pkg);
  assert.ok(promised.length >= 10, `package.json names its entry points (${promised.join(', ')})`);
  const missing = promised.filter((path) => !packed.some((file) => matcher(path).test(file)));
  assert.deepEqual(missing, [], `missing from the tarball: ${missing.join(', ')}`);
});

test('the tarball holds the script-tag bundles, their types and the custom elements manifest', () => {
  for (const file of ['dist/oauth-connect.js', 'dist/callback.js', 'custom-elements.json', 'README.md'])
    assert.ok(packed.includes(file), `${file} is packed`);
  assert.ok(
    packed.some((file) => file.startsWith('dist/lib/') && file.endsWith('.d.ts')),
    'the type declarations are packed',
  );
});

test('the tarball holds no source, test or local build leftovers', () => {
  const stray = packed.filter((file) => /^(src|test|node_modules|bench|demo)\/|\.tsbuildinfo$/.test(file));
  assert.deepEqual(stray, []);
});

test("a fresh clone's npm install leaves every tracked file as committed", () => {
  assert.equal(installed.status, 0, installed.stderr);
  assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' }), '');
});

test('.ci/npm-install fails with the diff and the npm version when npm rewrites the lockfile', () => {
  // A lockfile committed out of step with package.json (its root entry lacks `engines`): npm adds it.
  const lockfile = join(clone, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
  delete lock.packages[''].engines;
  writeFileSync(lockfile, JSON.stringify(lock, null, 2) + '\n');
  const identity = ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com'];
  execFileSync('git', [...identity, 'commit', '--quiet', '-am', 'A lockfile npm rewrites'], { cwd: clone });
  const npmVersion = execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
  const run = install(clone);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`npm install changed tracked files \\(npm ${npmVersion.replaceAll('.', '\\.')}`));
  assert.match(run.stderr, /^\+ +"engines": \{$/m);
});
