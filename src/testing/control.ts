import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningMockProvider } from '../mock-provider/index.js';

/**
 * What the in-process methods of a mock provider become over HTTP, for
 * Playwright's workers: the mock runs in the runner process (it must be up
 * before `webServer` starts the partner's app), and workers are other
 * processes. The knobs already have HTTP endpoints (`/reset`, `/delay` …);
 * these are the rest: `POST /testing/issue-code`, `/testing/issue-token`,
 * `/testing/add-user`, `/testing/requests`, `/testing/last-authorization`.
 */
export const CONTROL_PREFIX = '/testing/';

const MAX_BODY_BYTES = 16 * 1024;

type Action = (provider: RunningMockProvider, body: Record<string, unknown>) => unknown;

// The bodies are the methods' own options; the provider checks them as it checks its methods' arguments.
const ACTIONS: Record<string, Action> = {
  'issue-code': (provider, body) => ({ code: provider.issueCode(body as never) }),
  'issue-token': (provider, body) => provider.issueToken(body as never),
  'add-user': (provider, body) => provider.addUser(body as never),
  requests: (provider) => provider.requests(),
  'last-authorization': (provider) => provider.lastAuthorization() ?? null,
};

const send = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};

const refuse = (res: ServerResponse, status: number, description: string) =>
  send(res, status, { error: 'invalid_request', error_description: description });

const readJson = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY_BYTES) req.destroy(new Error('too large'));
    });
    req.on('end', () => {
      try {
        resolve(text.trim() ? JSON.parse(text) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });

/**
 * The provider's request handler with the control endpoints in front. They go
 * through the provider's own handler first, so its `Host` check (against DNS
 * rebinding) applies to them as to everything else. As with the knobs, a web
 * page cannot call them: they take only `Content-Type: application/json`
 * (which needs a CORS preflight nobody answers) and no foreign `Origin`.
 */
export const withControl = (provider: RunningMockProvider) => (req: IncomingMessage, res: ServerResponse) => {
  const path = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
  if (!path.startsWith(CONTROL_PREFIX)) return provider.handle(req, res);
  provider.handle(req, res, () => {
    void control(provider, req, res, path.slice(CONTROL_PREFIX.length));
  });
};

const control = async (provider: RunningMockProvider, req: IncomingMessage, res: ServerResponse, name: string) => {
  const action = ACTIONS[name];
  if (!action) {
    req.resume();
    return refuse(res, 404, `Nothing at ${CONTROL_PREFIX}${name}; there are ${Object.keys(ACTIONS).join(', ')}.`);
  }
  if (req.method != 'POST') {
    req.resume();
    return refuse(res, 405, 'Use POST with a JSON body.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin != `http://${req.headers.host}`) {
    req.resume();
    return refuse(res, 403, `The test endpoints do not take requests from other sites (Origin ${origin}).`);
  }
  const type = (req.headers['content-type'] ?? '').replace(/;.*/s, '').trim().toLowerCase();
  if (type != 'application/json') {
    req.resume();
    return refuse(res, 415, 'Send Content-Type: application/json.');
  }
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return refuse(res, 400, `The body is not a JSON object of at most ${MAX_BODY_BYTES} bytes.`);
  }
  if (typeof body != 'object' || body === null || Array.isArray(body))
    return refuse(res, 400, 'The body must be a JSON object.');
  try {
    send(res, 200, await action(provider, body as Record<string, unknown>));
  } catch (error) {
    // The method's own message ("invalid_client: No application …"), rethrown as it is by the client.
    refuse(res, 400, error instanceof Error ? error.message : String(error));
  }
};
