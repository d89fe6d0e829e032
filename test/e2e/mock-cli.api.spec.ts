import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `oauth-connect-mock`, the command partners run, as a process: its options,
 * its errors and what it prints for a program that waits for it. It runs from
 * the TypeScript source through scripts/mock-provider-dev.js (the same code
 * the package builds to dist/lib/mock-provider/cli.js).
 */

// Each test starts the command once or more (about a second each, more on a busy machine).
test.describe.configure({ timeout: 60_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
const REDIRECT_URI = 'http://localhost:5173/callback.html';

interface Ready {
  ready: true;
  port: number;
  host: string;
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
}

const running = new Set<ChildProcess>();
test.afterEach(() => {
  for (const child of running) child.kill('SIGTERM');
  running.clear();
});

const spawnCli = (args: string[]) => {
  const child = spawn(process.execPath, ['scripts/mock-provider-dev.js', ...args], { cwd: root });
  running.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
};

/** Starts the CLI and resolves with its first line, the JSON one, once it is listening. */
const start = async (...args: string[]) => {
  const run = spawnCli(['--quiet', ...args]);
  const line = await Promise.race([
    new Promise<string>((resolve) => {
      const check = () => {
        const end = run.out.stdout.indexOf('\n');
        if (end >= 0) resolve(run.out.stdout.slice(0, end));
        else run.child.stdout?.once('data', check);
      };
      check();
    }),
    run.exited.then((code) => {
      throw new Error(`oauth-connect-mock exited (${code}) before it was ready: ${run.out.stderr}`);
    }),
  ]);
  // Its banner comes in the same write, after the JSON line.
  await expect.poll(() => run.out.stdout).toContain('Press Ctrl+C to stop.');
  return { ready: JSON.parse(line) as Ready, ...run };
};

/** Runs the CLI to its end: for command lines it must refuse. */
const refuse = async (...args: string[]) => {
  const run = spawnCli(args);
  return { code: await run.exited, ...run.out };
};

/** An authorization request for the demo client; `location` is set when it redirected at once. */
const authorize = async (ready: Ready, scope = 'profile email') => {
  const url = new URL(ready.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: 'demo-client',
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    state: 'cli-test',
    scope,
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
};

/** Who an auto-approved authorization signs in as: code → token → /v1/me. */
const approvedUser = async (ready: Ready) => {
  const { status, location } = await authorize(ready);
  expect(status, 'the authorize endpoint redirects at once').toBe(302);
  const code = new URL(location!).searchParams.get('code')!;
  const token = await fetch(ready.tokenUrl, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }).toString(),
  });
  expect(token.status).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const me = await fetch(ready.userInfoUrl, { headers: { Authorization: `Bearer ${access_token}` } });
  return (await me.json()) as { name: string; email: string };
};

test('--auto-approve alone, last, approves as the default user', async () => {
  const { ready } = await start('--port', '0', '--auto-approve');
  expect(await approvedUser(ready)).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
});

test('--auto-approve alone in the middle of the arguments', async () => {
  const { ready } = await start('--auto-approve', '--port', '0');
  expect(await approvedUser(ready)).toMatchObject({ email: 'ada@example.com' });
});

test('--auto-approve=EMAIL approves as that user, given with --user email:password:name', async () => {
  const { ready } = await start(
    '--user',
    'ada@example.com:analytical-engine',
    '--user',
    'grace@example.com:cobol:Grace Hopper',
    '--auto-approve=grace@example.com',
    '--port',
    '0',
  );
  expect(await approvedUser(ready)).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper' });
});

test('--user replaces the demo account; the first is the default user, named after its address without a name', async () => {
  const { ready, out } = await start('--port', '0', '--user', 'linus@example.com:kernel', '--auto-approve');
  expect(await approvedUser(ready)).toMatchObject({ email: 'linus@example.com', name: 'linus' });
  expect(out.stdout).toContain('linus@example.com / kernel');
  expect(out.stdout).not.toContain('ada@example.com');
});

test('--auto-approve=true and =false are the words on and off, not e-mail addresses', async () => {
  const on = await start('--port', '0', '--auto-approve=true');
  expect(await approvedUser(on.ready)).toMatchObject({ email: 'ada@example.com' });
  const off = await start('--port', '0', '--auto-approve=false');
  const { status, body } = await authorize(off.ready);
  expect(status).toBe(200);
  expect(body).toContain('Sign in to continue to Demo Partner');
});

test('--auto-approve with anything but a known e-mail address is refused, saying how to write it', async () => {
  const word = await refuse('--auto-approve=yes');
  expect(word.code).toBe(2);
  expect(word.stderr).toContain('--auto-approve=yes: not an e-mail address');
  const stranger = await refuse('--auto-approve=nobody@example.com');
  expect(stranger.code).toBe(2);
  expect(stranger.stderr).toContain('--auto-approve=nobody@example.com: no such user');
  expect(stranger.stderr).toContain('--user nobody@example.com:PASSWORD');
  const spaced = await refuse('--auto-approve', 'ada@example.com');
  expect(spaced.code).toBe(2);
  expect(spaced.stderr).toContain('--auto-approve=ada@example.com');
  const user = await refuse('--user', 'grace@example.com');
  expect(user.code).toBe(2);
  expect(user.stderr).toContain('--user grace@example.com: expected email:password[:name]');
});

test('--scope name:text adds scopes, names with colons included; the consent words are the text', async () => {
  const { ready } = await start(
    '--port',
    '0',
    '--scope',
    'orders:write:Change your orders',
    '--scope',
    'team:See your team',
  );
  const metadata = await fetch(`${ready.url}/.well-known/oauth-authorization-server`);
  const { scopes_supported } = (await metadata.json()) as { scopes_supported: string[] };
  expect(scopes_supported).toEqual(expect.arrayContaining(['profile', 'orders:write', 'team']));
  const index = await (await fetch(`${ready.url}/`)).text();
  expect(index).toContain('Change your orders');
  expect(index).toContain('See your team');
  const bad = await refuse('--scope', 'orders');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--scope orders: expected name:text');
});

test('--client-name is the name the sign-in page shows', async () => {
  const demo = await start('--port', '0', '--client-name', 'Acme Shop');
  expect((await authorize(demo.ready)).body).toContain('Sign in to continue to Acme Shop');
  const custom = await start(
    '--port',
    '0',
    '--client-id',
    'my-app',
    '--client-name',
    'My App',
    '--redirect-uri',
    REDIRECT_URI,
  );
  const url = new URL(custom.ready.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: 'my-app',
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    state: 's',
  }).toString();
  expect(await (await fetch(url)).text()).toContain('Sign in to continue to My App');
});

test('conflicting options are an error that names both', async () => {
  const { code, stderr, stdout } = await refuse('--public', '--client-secret', 's3cret');
  expect(code).toBe(2);
  expect(stderr).toContain('--public and --client-secret cannot be used together');
  expect(stdout).toBe('');
});

test('a port in use is reported alone, without the help', async () => {
  const first = await start('--port', '0');
  const { code, stderr, stdout } = await refuse('--port', String(first.ready.port));
  expect(code).toBe(1);
  expect(stderr.trim()).toBe(
    `oauth-connect-mock: port ${first.ready.port} is in use on localhost; pick another with --port (0 = any free port).`,
  );
  expect(stdout).toBe('');
});

test('on start: one JSON line with where it listens, and --port-file holds the port number alone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oauth-connect-mock-'));
  try {
    const portFile = join(dir, 'port');
    const { ready, out } = await start('--port', '0', '--port-file', portFile);
    expect(ready).toMatchObject({
      ready: true,
      url: `http://localhost:${ready.port}`,
      authorizeUrl: `http://localhost:${ready.port}/oauth2/authorize/`,
      tokenUrl: `http://localhost:${ready.port}/oauth2/token/`,
    });
    expect(ready.port).toBeGreaterThan(0);
    expect(await readFile(portFile, 'utf8')).toBe(String(ready.port));
    // The banner names what is bound (localhost is one loopback address).
    expect(out.stdout).toContain(`listening on ${ready.host} port ${ready.port}: http://localhost:${ready.port}`);
    expect((await authorize(ready)).status).toBe(200);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--host 0.0.0.0 says it listens on all interfaces', async () => {
  const { ready, out } = await start('--port', '0', '--host', '0.0.0.0');
  expect(ready.host).toBe('0.0.0.0');
  expect(out.stdout).toContain(`listening on all interfaces (0.0.0.0) port ${ready.port}`);
  expect((await fetch(`http://127.0.0.1:${ready.port}/`)).status).toBe(200);
});

test('--help prints the options, --port must be a port number', async () => {
  const help = await refuse('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--auto-approve=<email>');
  const port = await refuse('--port', '80a');
  expect(port.code).toBe(2);
  expect(port.stderr).toContain('--port 80a: expected a whole number from 0 to 65535');
});

test('--oidc turns OpenID Connect on; --issuer is the identifier discovery and the JSON line name', async () => {
  const plain = await start('--port', '0');
  expect((await fetch(`${plain.ready.url}/.well-known/openid-configuration`)).status).toBe(404);
  const { ready } = await start('--port', '0', '--oidc', '--issuer', 'https://mock.example.test');
  expect(ready).toMatchObject({ issuer: 'https://mock.example.test', oidc: true });
  const discovery = await fetch(`${ready.url}/.well-known/openid-configuration`);
  expect(discovery.status).toBe(200);
  expect(await discovery.json()).toMatchObject({
    issuer: 'https://mock.example.test',
    jwks_uri: 'https://mock.example.test/.well-known/jwks.json',
  });
  const bad = await refuse('--issuer', 'mock.example.test');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--issuer mock.example.test: expected an http or https URL');
});

/** A GET with a Host header of our choosing (fetch does not let one forge it). */
const statusForHost = (url: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const request = httpRequest(
      `${url}/.well-known/oauth-authorization-server`,
      { headers: { Host: host } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });

test('--allowed-host NAME is answered to, other names are not', async () => {
  const { ready } = await start('--port', '0', '--allowed-host', 'mock-provider', '--allowed-host', '.internal.test');
  expect(await statusForHost(ready.url, 'mock-provider')).toBe(200);
  expect(await statusForHost(ready.url, 'auth.internal.test')).toBe(200);
  expect(await statusForHost(ready.url, 'attacker.example')).toBe(403);
});

test('--profile ultracart serves and names UltraCart’s paths; --no-user-info takes /v1/me away', async () => {
  const { ready, out } = await start('--port', '0', '--profile', 'ultracart');
  expect(ready).toMatchObject({
    profile: 'ultracart',
    authorizeUrl: `${ready.url}/admin/v2/oauth/authorize`,
    tokenUrl: `${ready.url}/rest/v2/oauth/token`,
    revocationUrl: `${ready.url}/rest/v2/oauth/revoke`,
    apiBaseUrl: `${ready.url}/rest/v2`,
  });
  expect(out.stdout).toMatch(/playing +ultracart/);
  expect(out.stdout).toMatch(/user +none/);
  // The token endpoint is there (a form without a grant is refused by it, not a 404).
  const token = await fetch(ready.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'client_id=demo-client&client_secret=demo-secret',
  });
  expect(await token.json()).toMatchObject({ error: 'invalid_request' });

  const plain = await start('--port', '0', '--no-user-info');
  expect((await fetch(plain.ready.userInfoUrl, { headers: { Authorization: 'Bearer x' } })).status).toBe(404);
  expect(await refuse('--profile', 'github')).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('ulule or ultracart'),
  });
});
