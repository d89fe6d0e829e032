#!/usr/bin/env node
/**
 * `npx oauth-connect-mock`: runs the mock provider on its own port and prints
 * how to point an integration at it: one JSON line for programs (a test
 * runner waiting for it), then a summary for people. `--help` lists the options.
 */
import { rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { HELP, parseCli, UsageError, type CliOptions } from './cli-args.js';
import { startMockProvider, type RunningMockProvider } from './index.js';

/** Exit codes: 2 for a wrong command line (with a pointer to --help), 1 for a failure at run time. */
const usage = (message: string): never => {
  process.stderr.write(`oauth-connect-mock: ${message}\nRun "oauth-connect-mock --help" for the options.\n`);
  process.exit(2);
};
const failed = (message: string): never => {
  process.stderr.write(`oauth-connect-mock: ${message}\n`);
  process.exit(1);
};

/** A runtime error as one sentence, the error alone. */
const explain = (error: NodeJS.ErrnoException, { port, host }: CliOptions['provider']): string =>
  error.code == 'EADDRINUSE'
    ? `port ${port} is in use on ${host}; pick another with --port (0 = any free port).`
    : error.code == 'EADDRNOTAVAIL' || error.code == 'ENOTFOUND'
      ? `cannot listen on --host ${host}: no such interface on this machine.`
      : error.message;

/** Written to a temporary name first, so that a reader polling the file never sees it half written. */
const writePortFile = async (path: string, port: number) => {
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, String(port));
  await rename(partial, path);
};

/** What the server is really bound to, in words: a wildcard address listens on every interface. */
const boundTo = ({ address, port }: AddressInfo, url: string) => {
  if (address != '0.0.0.0' && address != '::') return `listening on ${address} port ${port}: ${url}`;
  const others = Object.values(networkInterfaces())
    .flatMap((nets) => nets ?? [])
    .filter((net) => !net.internal && (address == '::' || net.family == 'IPv4'))
    .map((net) => `http://${net.family == 'IPv6' ? `[${net.address}]` : net.address}:${port}`);
  return `listening on all interfaces (${address}) port ${port}: ${url} from this machine${others.length ? `, ${others.join(', ')} from others` : ''}`;
};

const summary = (provider: RunningMockProvider, { provider: options }: CliOptions, address: AddressInfo) => {
  const approve = options.autoApprove;
  return [
    `Mock OAuth 2 provider (test only), ${boundTo(address, provider.url)}`,
    ``,
    ...(provider.profile ? [`  playing     ${provider.profile}`] : []),
    `  issuer      ${provider.issuer}`,
    `  authorize   ${provider.authorizeUrl}`,
    `  token       ${provider.tokenUrl}`,
    ...(options.userInfo === false || provider.profile == 'ultracart'
      ? [`  user        none`]
      : [`  user        ${provider.userInfoUrl}`]),
    ...(provider.profile
      ? [
          `  revoke      ${provider.profile == 'ulule' ? 'none' : provider.revocationUrl}`,
          `  API         ${provider.apiBaseUrl}`,
        ]
      : []),
    ...(options.oidc
      ? [`  OpenID      ${provider.url}/.well-known/openid-configuration (userinfo ${provider.oidcUserInfoUrl})`]
      : []),
    ``,
    ...options.clients.flatMap((c) => [
      `  client_id      ${c.clientId}${c.clientSecret ? '' : '   (public: PKCE required)'}`,
      ...(c.clientSecret ? [`  client_secret  ${c.clientSecret}`] : []),
      `  client name    ${c.name}`,
      `  redirect URIs  ${c.redirectUris.join('\n                 ')}`,
      ``,
    ]),
    ...options.users.map(
      (u, i) => `  ${i ? '              ' : 'test users    '} ${u.email} / ${u.password} (${u.name})`,
    ),
    `                 (or sign up a new one)`,
    ...(approve ? [`  auto-approve   on, as ${typeof approve == 'string' ? approve : options.users[0]?.email}`] : []),
    `  test knobs     POST ${provider.url}/reset | /fail-next-request | /delay | /auto-approve | /advance-clock`,
    `                 | /iss-parameter | /user-info | /expire-tokens | /revoke-tokens`,
    ``,
    `Press Ctrl+C to stop.`,
    ``,
  ].join('\n');
};

const main = async (argv: string[]) => {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const provider = await startMockProvider({
    ...options.provider,
    ...(!options.quiet && { log: (line: string) => process.stdout.write(`  ${line}\n`) }),
  }).catch((error: NodeJS.ErrnoException) => failed(explain(error, options.provider)));
  const address = provider.server.address() as AddressInfo;
  if (options.portFile)
    await writePortFile(options.portFile, provider.port).catch(async (error: Error) => {
      await provider.close();
      failed(`cannot write --port-file ${options.portFile}: ${error.message}`);
    });
  const ready = {
    ready: true,
    port: provider.port,
    host: address.address,
    url: provider.url,
    issuer: provider.issuer,
    authorizeUrl: provider.authorizeUrl,
    tokenUrl: provider.tokenUrl,
    userInfoUrl: provider.userInfoUrl,
    ...(provider.profile && {
      profile: provider.profile,
      revocationUrl: provider.revocationUrl,
      apiBaseUrl: provider.apiBaseUrl,
    }),
    ...(options.provider.oidc && { oidc: true, jwksUrl: provider.jwksUrl, oidcUserInfoUrl: provider.oidcUserInfoUrl }),
    clientIds: options.provider.clients.map((client) => client.clientId),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n${summary(provider, options, address)}`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

await main(process.argv.slice(2));
