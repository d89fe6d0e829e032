// The recipes' harness: a partner's project, made in a temporary folder from the packed tarball
// (as `npm pack` makes it, prepack's build included), installed from the npm cache as far as it
// goes, and its processes started and stopped. Every recipe test builds on it.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { stripVTControlCharacters } from 'node:util';

export const repo = resolve(import.meta.dirname, '../..');
const devDependencies = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).devDependencies;

/** A new temporary folder, removed by `remove()` (kept with KEEP_RECIPES=1, to look inside). */
export const workDir = (name) => {
  const dir = mkdtempSync(join(tmpdir(), `oauth-connect-${name}-`));
  return { dir, remove: () => process.env.KEEP_RECIPES || rmSync(dir, { recursive: true, force: true }) };
};

let tarball;
/** The package as `npm pack` makes it (prepack builds it), once per process. */
export const packedTarball = () => {
  if (tarball) return tarball;
  const { dir } = workDir('tarball');
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: repo,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (tarball = join(dir, filename));
};

/**
 * Writes a project: `files` ({ path: text }) and a package.json whose dependencies are the packed
 * oauth-connect and `dependencies`, then installs it; returns the project's folder. A dependency is
 * a name (`vite`) or `name@devDependency` (`express@express4`: Express 4, which this repository
 * has under an alias, installed as `express`); the version ranges are this repository's own, so
 * the npm cache has them.
 */
export const makeProject = (dir, files, dependencies = []) => {
  const versions = Object.fromEntries(
    dependencies.map((spec) => {
      const [name, alias = name] = spec.split(/(?<=.)@/);
      const range = devDependencies[alias];
      assert.ok(range, `${alias} is a dev dependency of this repository`);
      return [name, range.replace(new RegExp(`^npm:${name}@`), '')];
    }),
  );
  const pkg = {
    name: 'partner-app',
    private: true,
    type: 'module',
    dependencies: { 'oauth-connect': `file:${packedTarball()}`, ...versions },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return dir;
};

/** A free TCP port on the loopback interface. */
export const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/**
 * Starts `command args` and resolves once its output (stdout or stderr) matches `ready`, with
 * `{ child, output, match, stop }`; rejects with the output so far if it exits first or takes longer
 * than `timeout` ms. `stop()` ends it (SIGTERM) and waits for its exit.
 */
export const start = (command, args, { cwd, env = {}, ready, timeout = 30_000 }) =>
  new Promise((resolveStart, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop();
      reject(new Error(`${command} ${args.join(' ')} ${why}; its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed nothing matching ${ready} in ${timeout} ms`), timeout);
    const read = (chunk) => {
      // Tools colour their output when CI is set (picocolors), with codes inside the address: match the text.
      output += stripVTControlCharacters(String(chunk));
      if (process.env.RECIPES_VERBOSE) process.stderr.write(chunk);
      const match = ready.exec(output);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolveStart({ child, output: () => output, match, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    child.once('error', (error) => fail(`did not start (${error.message})`));
  });

/**
 * One HTTP(S) request with exactly the headers given (`Host` and `Origin` included, which `fetch`
 * would not let a test choose); https trusts `ca` only. Resolves `{ status, headers, body }`.
 */
export const send = (url, { method = 'GET', headers = {}, body, ca } = {}) =>
  new Promise((resolveSend, reject) => {
    const target = new URL(url);
    const transport = target.protocol == 'https:' ? https : http;
    // IPv4: the servers here listen on 127.0.0.1, and localhost may resolve to ::1 first.
    const options = { method, headers, family: 4, ...(ca && { ca, servername: 'localhost' }) };
    const req = transport.request(target, options, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      res.on('end', () => resolveSend({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.once('error', reject);
    req.end(body);
  });

/** The headers of a same-origin POST the element makes to the handler, for `origin`. */
export const elementPost = (origin, json) => ({
  method: 'POST',
  headers: { Origin: origin, 'OAuth-Connect': '1', 'Content-Type': 'application/json' },
  body: JSON.stringify(json),
});
