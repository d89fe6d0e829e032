#!/usr/bin/env node
/**
 * `npx oauth-connect-mock`: runs the mock provider on its own port and prints
 * how to point an integration at it. `--help` lists the options.
 */
import { parseArgs } from 'node:util';
import { DEMO_CLIENT, DEMO_PUBLIC_CLIENT, DEMO_USER, startMockProvider } from './index.js';
import type { MockClient } from './types.js';

const HELP = `Usage: oauth-connect-mock [options]

A local OAuth 2 provider (authorize, token, /v1/me) for testing without network.

Options:
  --port <n>             Port to listen on (default 5174; 0 = any free port)
  --host <name>          Interface to listen on (default localhost)
  --client-id <id>       The client to register (default ${DEMO_CLIENT.clientId})
  --client-secret <s>    Its secret (default ${DEMO_CLIENT.clientSecret}); --public for none
  --public               Register the client as public (no secret, PKCE required)
  --client-name <name>   The name the consent page shows (default "${DEMO_CLIENT.name}")
  --redirect-uri <uri>   A registered redirect URI; repeat for several
                         (default ${DEMO_CLIENT.redirectUris.join(', ')})
  --auto-approve [email] Skip the sign-in and consent pages (test knob)
  --delay <ms>           Wait before each protocol response (test knob)
  --code-ttl <s>         Authorization code lifetime (default 600)
  --token-ttl <s>        Access token lifetime (default 3600)
  --quiet                Do not log requests
  -h, --help             Show this help
`;

const fail = (message: string): never => {
  process.stderr.write(`oauth-connect-mock: ${message}\n\n${HELP}`);
  process.exit(2);
};

const number = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fail(`${name} must be a non-negative number.`);
};

const main = async (argv: string[]) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        public: { type: 'boolean' },
        'client-name': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'auto-approve': { type: 'string' },
        delay: { type: 'string' },
        'code-ttl': { type: 'string' },
        'token-ttl': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const custom = values['client-id'] || values['redirect-uri'] || values['client-secret'] || values.public;
  const client: MockClient = {
    clientId: values['client-id'] ?? DEMO_CLIENT.clientId,
    name: values['client-name'] ?? DEMO_CLIENT.name,
    redirectUris: values['redirect-uri'] ?? DEMO_CLIENT.redirectUris,
    ...(!values.public && { clientSecret: values['client-secret'] ?? 'demo-secret' }),
  };
  for (const uri of client.redirectUris) {
    try {
      new URL(uri);
    } catch {
      fail(`--redirect-uri ${uri} is not an absolute URL.`);
    }
  }
  const autoApprove = values['auto-approve'];
  const provider = await startMockProvider({
    port: number(values.port, '--port', 5174),
    host: values.host ?? 'localhost',
    clients: custom ? [client] : [DEMO_CLIENT, DEMO_PUBLIC_CLIENT],
    users: [DEMO_USER],
    ...(autoApprove !== undefined && { autoApprove: autoApprove || true }),
    delayMs: number(values.delay, '--delay', 0),
    codeTtlSeconds: number(values['code-ttl'], '--code-ttl', 600),
    tokenTtlSeconds: number(values['token-ttl'], '--token-ttl', 3600),
    ...(!values.quiet && { log: (line: string) => process.stdout.write(`  ${line}\n`) }),
  }).catch((error: NodeJS.ErrnoException) =>
    fail(
      error.code == 'EADDRINUSE' ? `port ${values.port ?? 5174} is in use; pick another with --port.` : error.message,
    ),
  );
  const shown = custom ? [client] : [DEMO_CLIENT, DEMO_PUBLIC_CLIENT];
  process.stdout.write(
    [
      `Mock OAuth 2 provider (test only) on ${provider.url}`,
      ``,
      `  authorize   ${provider.authorizeUrl}`,
      `  token       ${provider.tokenUrl}`,
      `  user        ${provider.userInfoUrl}`,
      ``,
      ...shown.flatMap((c) => [
        `  client_id      ${c.clientId}${c.clientSecret ? '' : '   (public: PKCE required)'}`,
        ...(c.clientSecret ? [`  client_secret  ${c.clientSecret}`] : []),
        `  redirect URIs  ${c.redirectUris.join('\n                 ')}`,
        ``,
      ]),
      `  test user      ${DEMO_USER.email} / ${DEMO_USER.password} (or sign up a new one)`,
      `  test knobs     POST ${provider.url}/reset | /fail-next-request?error=… | /delay?ms=… | /auto-approve | /advance-clock?seconds=…`,
      ``,
      `Press Ctrl+C to stop.`,
      ``,
    ].join('\n'),
  );
  const stop = () => void provider.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

await main(process.argv.slice(2));
