import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Partner server processes (test/e2e/partner-server.mjs), each on its own
 * port, for the tests of sessions shared across servers: real processes, so
 * that one can really die (SIGKILL) in the middle of a request.
 */
const PROGRAM = fileURLToPath(new URL('./partner-server.mjs', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../src/server/', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/lib/server/', import.meta.url));

/** Why the built server cannot stand for src/server, if it cannot: missing, or older than a source file. */
const buildProblem = () => {
  if (!existsSync(`${BUILT}index.js`)) return 'dist/lib/server/ is missing';
  const stale = readdirSync(SOURCE)
    .filter((name) => name.endsWith('.ts'))
    .find((name) => {
      const built = `${BUILT}${name.replace(/\.ts$/, '.js')}`;
      return !existsSync(built) || statSync(built).mtimeMs < statSync(`${SOURCE}${name}`).mtimeMs;
    });
  return stale && `dist/lib/server/ is older than src/server/${stale}`;
};

export interface PartnerOptions {
  secret: string;
  /** The `mock` provider's settings (authorizeUrl, tokenUrl, … or issuer). */
  provider: Record<string, string>;
  /** Sessions in this Redis; without it, the sealed cookie. */
  redisUrl?: string;
  /** 0 (default): any free port. A restarted process takes its old one. */
  port?: number;
}

export interface PartnerProcess {
  origin: string;
  port: number;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies wherever it is, holding whatever it holds. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Whatever a failing test leaves running goes with the worker.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export const startPartner = async (options: PartnerOptions): Promise<PartnerProcess> => {
  const problem = buildProblem();
  if (problem)
    throw new Error(`The partner server processes run the built package, and ${problem}: run npm run build first.`);
  const child = spawn(process.execPath, [PROGRAM, String(options.port ?? 0)], {
    env: {
      ...process.env,
      OAUTH_CONNECT_SECRET: options.secret,
      OAUTH_CONNECT_PROVIDER: JSON.stringify(options.provider),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : { REDIS_URL: '' }),
    },
    // stdin stays open as the lifeline: the process exits when it closes.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`partner-server was not ready within 15 s: ${output}`));
    }, 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /partner-server ready on port (\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`partner-server exited (${signal ?? code}) before it was ready: ${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    const done = exited(child);
    child.kill(signal);
    await done;
  };
  return { origin: `http://localhost:${port}`, port, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
};

/** Stops every partner process still running (afterEach / afterAll). */
export const stopPartners = async () => {
  await Promise.all(
    [...running].map((child) => {
      const done = exited(child);
      child.kill('SIGTERM');
      return done;
    }),
  );
};

export interface HeldRequest {
  /** Resolves when the caller's connection closes before an answer (it died). */
  closed: Promise<void>;
}

/**
 * A gate in front of the provider's token endpoint. While it holds, token
 * requests wait in it, and one whose caller goes away is dropped, never sent
 * on: the provider does not rotate a refresh token for a process that died
 * before it could save the new one. (If it did, the next refresh would reuse
 * the old token and a rotating provider would rightly end the grant: a loss no
 * lock can prevent, and not what the lock's test is about.)
 */
export const startTokenGate = async (tokenUrl: string) => {
  let holding = false;
  const waiting: { forward: () => void; closed: Promise<void> }[] = [];
  const arrivals: ((held: HeldRequest) => void)[] = [];
  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept', 'dpop'])
      if (typeof req.headers[name] == 'string') headers[name] = req.headers[name];
    const answer = await fetch(tokenUrl, {
      method: req.method,
      headers,
      ...(req.method == 'POST' && { body: body.toString() }),
    });
    const out: Record<string, string> = {};
    for (const name of ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'dpop-nonce'])
      if (answer.headers.has(name)) out[name] = answer.headers.get(name)!;
    res.writeHead(answer.status, out);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (!holding) return void forward(req, res, body);
    let gone = false;
    const closed = new Promise<void>((resolve) =>
      res.once('close', () => {
        gone = !res.writableFinished;
        resolve();
      }),
    );
    waiting.push({ forward: () => void (gone || forward(req, res, body)), closed });
    arrivals.shift()?.({ closed });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/oauth2/token`,
    hold: () => void (holding = true),
    /** The next token request that arrives while holding. */
    next: () => new Promise<HeldRequest>((resolve) => arrivals.push(resolve)),
    /** Stops holding; what waits goes on to the provider, unless its caller is gone. */
    release: () => {
      holding = false;
      for (const item of waiting.splice(0)) item.forward();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
