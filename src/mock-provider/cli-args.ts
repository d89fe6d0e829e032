/**
 * The `oauth-connect-mock` command line, read into the options of
 * `startMockProvider` (cli.ts runs them). Every mistake is a `UsageError` that
 * says which option is wrong and how to write it.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SCOPE, DEFAULT_SCOPES, DEMO_CLIENT, DEMO_PUBLIC_CLIENT, DEMO_USER } from './defaults.js';
import type { StartMockProviderOptions } from './index.js';
import type { MockClient, MockUser } from './types.js';

export const DEFAULT_PORT = 5174;

export const HELP = `Usage: oauth-connect-mock [options]

A local OAuth 2 provider (authorize, token, /v1/me) for testing without network.

Options:
  --port <n>             Port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --port-file <path>     Write the port number, alone, to this file once listening
  --host <name>          Interface to listen on (default localhost; 0.0.0.0 = all)
  --issuer <url>         Its public URL, the issuer identifier (default: the URL
                         a request came to); its host is answered to as well
  --allowed-host <name>  Another host name to answer to (a container's, a proxy's);
                         repeat for several; .example.test allows subdomains too
  --oidc                 OpenID Connect for every client (openid scope, ID tokens,
                         discovery at /.well-known/openid-configuration)
  --profile <name>       Play one provider at its own paths: ulule or ultracart
                         (see the README's mock provider section)
  --no-user-info         No user-info endpoint (/v1/me answers 404), as UltraCart
  --client-id <id>       The client to register (default ${DEMO_CLIENT.clientId})
  --client-secret <s>    Its secret (default ${DEMO_CLIENT.clientSecret})
  --public               Register the client as public (no secret, PKCE required)
  --client-name <name>   The name the sign-in and consent pages show
                         (default "${DEMO_CLIENT.name}")
  --redirect-uri <uri>   A registered redirect URI; repeat for several
                         (default ${DEMO_CLIENT.redirectUris.join(', ')})
  --user <email:password[:name]>
                         An account; repeat for several. The first is the default
                         user. Default ${DEMO_USER.email}:${DEMO_USER.password}
  --scope <name:text>    A scope and the consent page's words for it, besides the
                         built-in ones; repeat for several (e.g. orders:read:See your orders)
  --auto-approve         Skip the sign-in and consent pages, as the default user
  --auto-approve=<email> The same, as this user (true / false: on / off)
  --delay <ms>           Wait before each protocol response (test knob)
  --code-ttl <s>         Authorization code lifetime (default 600)
  --token-ttl <s>        Access token lifetime (default 3600)
  --quiet                Do not log requests
  -h, --help             Show this help

On start it prints one line of JSON ({"ready":true,"port":…,"url":…,…}), then a summary.
`;

/** A mistake in the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export interface CliOptions {
  help?: boolean;
  /** What `startMockProvider` gets. */
  provider: StartMockProviderOptions & { port: number; host: string; clients: MockClient[]; users: MockUser[] };
  portFile?: string;
  quiet: boolean;
}

/**
 * `--auto-approve` takes its value only after `=`, so that it can stand alone
 * anywhere: util.parseArgs has no option with an optional value, so it is
 * taken out before parseArgs sees the rest.
 */
const takeAutoApprove = (argv: string[]): { rest: string[]; value?: string | true } => {
  const rest: string[] = [];
  let value: string | true | undefined;
  for (const [i, arg] of argv.entries()) {
    if (arg == '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg == '--auto-approve') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-'))
        throw new UsageError(`--auto-approve takes an e-mail address after "=": --auto-approve=${next}`);
      value = true;
    } else if (arg.startsWith('--auto-approve=')) value = arg.slice('--auto-approve='.length);
    else rest.push(arg);
  }
  return { rest, value };
};

const number = (value: string | undefined, name: string, fallback: number, max = Infinity): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() == '' || !Number.isInteger(parsed) || parsed < 0 || parsed > max)
    throw new UsageError(`${name} ${value}: expected a whole number from 0${max < Infinity ? ` to ${max}` : ''}.`);
  return parsed;
};

/** `email:password[:name]`; the password cannot hold a colon, the name can. */
const user = (spec: string): MockUser => {
  const [email = '', password = '', ...name] = spec.split(':');
  if (!email.includes('@') || !password)
    throw new UsageError(`--user ${spec}: expected email:password[:name], e.g. --user grace@example.com:cobol:Grace`);
  return { email, password, name: name.join(':') || email.slice(0, email.indexOf('@')) };
};

/**
 * `name:text`. A scope name may hold colons (`orders:read`) and the text may
 * too, but a name has no space: the name ends at the last colon before the
 * text's first space.
 */
const scope = (spec: string): [string, string] => {
  const space = spec.indexOf(' ');
  const colon = spec.lastIndexOf(':', space < 0 ? spec.length : space);
  const [name, text] = [spec.slice(0, Math.max(colon, 0)), spec.slice(colon + 1).trim()];
  // RFC 6749 §3.3: a scope token is printable ASCII without space, '"' or '\'.
  if (colon < 1 || !text || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(name))
    throw new UsageError(`--scope ${spec}: expected name:text, e.g. --scope "orders:read:See your orders"`);
  return [name, text];
};

/** Reads the command line (`process.argv.slice(2)`). Throws a `UsageError` on any mistake. */
export const parseCli = (argv: string[]): CliOptions => {
  const { rest, value: autoApprove } = takeAutoApprove(argv);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        'port-file': { type: 'string' },
        host: { type: 'string' },
        issuer: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        oidc: { type: 'boolean' },
        profile: { type: 'string' },
        'no-user-info': { type: 'boolean' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        public: { type: 'boolean' },
        'client-name': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        user: { type: 'string', multiple: true },
        scope: { type: 'string', multiple: true },
        delay: { type: 'string' },
        'code-ttl': { type: 'string' },
        'token-ttl': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.public && values['client-secret'] !== undefined)
    throw new UsageError('--public and --client-secret cannot be used together: a public client has no secret.');

  // One client of the partner's own, or else the two demo clients (renamed by --client-name alone).
  const custom = values['client-id'] || values['redirect-uri'] || values['client-secret'] || values.public;
  const name = values['client-name'];
  const clients: MockClient[] = custom
    ? [
        {
          clientId: values['client-id'] ?? DEMO_CLIENT.clientId,
          name: name ?? DEMO_CLIENT.name,
          redirectUris: values['redirect-uri'] ?? DEMO_CLIENT.redirectUris,
          ...(!values.public && { clientSecret: values['client-secret'] ?? DEMO_CLIENT.clientSecret }),
        },
      ]
    : [DEMO_CLIENT, DEMO_PUBLIC_CLIENT].map((client) => ({ ...client, ...(name !== undefined && { name }) }));
  for (const uri of clients.flatMap((client) => client.redirectUris))
    if (!URL.canParse(uri)) throw new UsageError(`--redirect-uri ${uri}: not an absolute URL.`);

  const users = values.user?.map(user) ?? [DEMO_USER];
  const emails = users.map((u) => u.email.toLowerCase());
  const twice = emails.find((email, i) => emails.indexOf(email) != i);
  if (twice) throw new UsageError(`--user ${twice} is given twice.`);

  // true / false are the knob's own words (POST /auto-approve?value=true|false|<email>), never addresses.
  let approve: boolean | string | undefined;
  if (autoApprove === true || autoApprove == 'true') approve = true;
  else if (autoApprove == 'false') approve = false;
  else if (autoApprove !== undefined) {
    if (!autoApprove.includes('@'))
      throw new UsageError(
        `--auto-approve=${autoApprove}: not an e-mail address. Use --auto-approve alone for the default user, or --auto-approve=EMAIL.`,
      );
    if (!emails.includes(autoApprove.toLowerCase()))
      throw new UsageError(
        `--auto-approve=${autoApprove}: no such user (${emails.join(', ')}); add it with --user ${autoApprove}:PASSWORD.`,
      );
    approve = autoApprove;
  }

  const issuer = values.issuer;
  if (issuer !== undefined && !/^https?:$/.test(URL.parse(issuer)?.protocol ?? ''))
    throw new UsageError(`--issuer ${issuer}: expected an http or https URL, e.g. --issuer https://mock.example.test`);

  const profile = values.profile;
  if (profile !== undefined && profile != 'ulule' && profile != 'ultracart')
    throw new UsageError(`--profile ${profile}: expected ulule or ultracart.`);

  const scopes = values.scope?.map(scope);
  return {
    help: values.help,
    portFile: values['port-file'],
    quiet: !!values.quiet,
    provider: {
      port: number(values.port, '--port', DEFAULT_PORT, 65535),
      host: values.host ?? 'localhost',
      ...(issuer !== undefined && { issuer }),
      ...(values['allowed-host'] && { allowedHosts: values['allowed-host'] }),
      ...(values.oidc && { oidc: true }),
      ...(profile !== undefined && { profile }),
      ...(values['no-user-info'] && { userInfo: false }),
      clients,
      users,
      ...(scopes && { scopes: { ...DEFAULT_SCOPES, ...Object.fromEntries(scopes) }, defaultScope: DEFAULT_SCOPE }),
      ...(approve !== undefined && { autoApprove: approve }),
      delayMs: number(values.delay, '--delay', 0),
      codeTtlSeconds: number(values['code-ttl'], '--code-ttl', 600),
      tokenTtlSeconds: number(values['token-ttl'], '--token-ttl', 3600),
    },
  };
};
