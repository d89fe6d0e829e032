// The partner's view of oauth-connect/testing: packs the package as npm would
// publish it, makes a consumer project of the files that the README's "Test your
// sign-in in CI" shows (a site with <oauth-connect>, its callback page and a Node
// back end, the config and the tests), word for word except the browser lines the
// README names, plus test/testing/consumer's package.json and tsconfig.json,
// installs the tarball and runs Playwright there: real popups in Chromium and
// Firefox, and the back end alone.
// Needs a build (npm run build); run by `npm run test:consumer`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { chromiumPath, firefoxPath } from '../browsers.js';

const repo = resolve(import.meta.dirname, '../..');

/**
 * The README's code blocks of the section, by the file each names on its first line
 * (`// server.js: …`, `<!-- public/index.html -->`), in order.
 */
const readmeBlocks = () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const start = readme.indexOf('## Test your sign-in in CI');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end == -1 ? undefined : end);
  const blocks = [...section.matchAll(/```(?:ts|js|html)\n((?:\/\/ |<!-- )([\w./-]+?)(?::| -->|\n)[\s\S]*?)```/g)];
  const named = (name) => blocks.filter((match) => match[2] == name).map((match) => match[1]);
  const [config, cliConfig] = named('playwright.config.ts');
  const files = {};
  for (const name of ['server.js', 'public/index.html', 'public/callback.html', 'tests/sign-in.spec.ts'])
    [files[name]] = named(name);
  [files['tests/back-end.spec.ts']] = named('tests/back-end.spec.ts');
  for (const [name, text] of Object.entries(files)) assert.ok(text, `the README shows ${name}`);
  assert.ok(config && cliConfig, 'the README shows both configs');
  return { config, cliConfig, files };
};

/** The README's browser lines, and the ones for the browsers this machine has (the README names both). */
const BROWSER_LINES = [
  [
    "use: { ...devices['Desktop Chrome'] } },",
    `use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: ${JSON.stringify(chromiumPath)} } } },`,
  ],
  [
    "use: { ...devices['Desktop Firefox'] } },",
    `use: { ...devices['Desktop Firefox'], channel: 'moz-firefox', launchOptions: { executablePath: ${JSON.stringify(firefoxPath)} } } },`,
  ],
];

const adaptBrowsers = (config) => {
  let adapted = config;
  for (const [line, local] of BROWSER_LINES) {
    assert.equal(adapted.split(line).length, 2, `the README's config has the line ${line} once`);
    adapted = adapted.replace(line, local);
  }
  return adapted;
};

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

if (!chromiumPath || !firefoxPath)
  throw new Error("The consumer test needs Debian's chromium and firefox-esr (see .ci/run).");

const work = mkdtempSync(join(tmpdir(), 'oauth-connect-consumer-'));
try {
  const project = join(work, 'partner-site');
  cpSync(join(import.meta.dirname, 'consumer'), project, { recursive: true });
  const { config, cliConfig, files } = readmeBlocks();
  writeFileSync(join(project, 'playwright.config.ts'), adaptBrowsers(config));
  writeFileSync(join(project, 'playwright.cli.config.ts'), adaptBrowsers(cliConfig));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, name)), { recursive: true });
    writeFileSync(join(project, name), text);
  }

  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: repo,
      encoding: 'utf8',
    }),
  );
  // The package and its dependencies as a partner gets them; the npm cache serves what it has.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The optional peer dependency and the types, this repository's own copies (the same versions).
  for (const name of ['@playwright/test', '@types/node']) {
    mkdirSync(join(project, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  // The README's code type-checks against the packed .d.ts files.
  execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], { stdio: 'inherit' });

  const playwright = async (...args) => {
    const env = { ...process.env, CI: '1', PORT: String(await freePort()) };
    delete env.OAUTH_CONNECT_MOCK_URL;
    delete env.OAUTH_CONNECT_MOCK_ISSUER;
    const run = spawnSync(
      process.execPath,
      // A longer test timeout than Playwright's 30 s: this machine's two cores are shared, and
      // a sign-up is five navigations in a real popup. The config stays the README's.
      [join(project, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list', '--timeout=60000', ...args],
      { cwd: project, env, encoding: 'utf8', timeout: 5 * 60_000 },
    );
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    assert.equal(run.status, 0, `the consumer project's Playwright run failed: ${args.join(' ')}`);
    return run.stdout;
  };
  // Four sign-ins in each of two browsers, and the back end alone.
  assert.match(await playwright(), /\b9 passed\b/);
  // The command as the first webServer, on a port it picks. The sign-ins that use only the knobs (the
  // first test reads the request log, which only setUpMockProvider's mock serves), in one browser: the
  // popups are the same; what differs is how the mock starts and how its URL travels.
  const cli = await playwright('-c', 'playwright.cli.config.ts', '--project=chromium', '-g', 'denies|signs up|is down');
  assert.match(cli, /\b3 passed\b/);
  console.log(
    'consumer: the packed oauth-connect/testing signs in through real popups in Chromium and Firefox, ' +
      'with setUpMockProvider and with oauth-connect-mock in webServer',
  );
} finally {
  if (!process.env.KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
}
