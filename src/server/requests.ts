/**
 * The HTTP edge of createAuthHandler: how the server sees a request (its URL
 * and origin), the CSRF rule for POSTs, capped JSON bodies, JSON answers, and
 * how a failure becomes `{ error, error_description }` for the browser while
 * its detail goes to the log. Trusting a proxy's forwarded headers, when it
 * comes, is decided here and nowhere else.
 */
import { BFF_HEADER, BFF_HEADER_VALUE, type ErrorAnswer } from '../protocol/bff.js';
import { AuthError, ERROR_CODES, SessionTooLargeError, TokenError } from './errors.js';
import { isLoopback } from './http.js';

/** The URL the browser asked for, as this server sees it. */
export const requestUrl = (request: Request): URL => new URL(request.url);

/**
 * The request target (path and query) as the client sent it, for each Request an adapter built from
 * a raw request line. Parsing it into `request.url` resolves `..`, drops `.`, reads `%2e%2e` as `..`
 * and turns `\` into `/`: the API proxy must refuse those forms, not match what they became.
 */
const sentTargets = new WeakMap<Request, string>();

/** Remembers the raw request target `request` was built from (the Node adapter's `req.url`). */
export const keepSentTarget = (request: Request, target: string): Request => {
  sentTargets.set(request, target);
  return request;
};

/**
 * The path as the client sent it, not yet decoded: the raw target's when an adapter kept it, else
 * the URL's. A Fetch runtime (Deno, Bun, Workers) parses the request line before any handler runs,
 * so there its `..` and `\` are already resolved, and the path routed is the path forwarded.
 */
export const requestPath = (request: Request): string => {
  const target = sentTargets.get(request);
  // The absolute form (`GET http://host/path`, as sent to a proxy) has its path after the authority.
  const path = target?.startsWith('/')
    ? target
    : target && /^[a-z][a-z\d+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(target)?.[1];
  return path ? path.replace(/[?#].*$/s, '') : requestUrl(request).pathname;
};

/**
 * Whether a new cookie may be the development one (no `__Host-`, no Secure, which WebKit refuses on
 * http://localhost): only for plain http on loopback as the handler sees the request, and only when
 * nothing says the browser is on https (its Origin, or an X-Forwarded-Proto the handler was not told
 * to trust). The Host header alone never decides: nginx's default proxy_pass sends 127.0.0.1.
 */
export const developmentCookies = (request: Request): boolean => {
  const url = requestUrl(request);
  if (url.protocol != 'http:' || !isLoopback(url)) return false;
  return !request.headers.get('origin')?.startsWith('https:') && firstOf(request, 'x-forwarded-proto') != 'https';
};

/**
 * The session cookie is `__Host-` + Secure, which a browser keeps only over https (and, as the
 * development cookie, on http://localhost): a sign-in started over plain http anywhere else would
 * lose its cookie and fail only after the whole consent ("No sign-in with this state is pending").
 */
export const checkCanKeepCookies = (request: Request): void => {
  const url = requestUrl(request);
  if (url.protocol == 'https:' || isLoopback(url)) return;
  throw new AuthError(
    ERROR_CODES.invalidRequest,
    `The session cookie needs https, and this sign-in came over plain http to ${url.host}: serve the site over ` +
      'https (a tunnel, or a local certificate for phones). Behind a proxy that terminates TLS, give ' +
      'createAuthHandler trustProxy: true.',
    { status: 400 },
  );
};

/** The first value of a list header (the one the browser's side of the proxies set). */
const firstOf = (request: Request, name: string) => request.headers.get(name)?.split(',')[0]?.trim() || undefined;

/**
 * The request as the browser made it, when the handler was told to trust the proxy in front of it
 * (`trustProxy`): its URL takes the scheme and host of `X-Forwarded-Proto` / `X-Forwarded-Host`,
 * so that the Origin check and the cookie flags follow what the browser talked to. Never without
 * `trustProxy`: a client could send those headers itself.
 */
export const asSeen = (request: Request, trustProxy: boolean): Request => {
  if (!trustProxy) return request;
  const proto = firstOf(request, 'x-forwarded-proto');
  const host = firstOf(request, 'x-forwarded-host');
  const url = requestUrl(request);
  if (proto == 'http' || proto == 'https') url.protocol = proto;
  if (host) {
    url.host = host;
    // A host without a port means the scheme's own (nginx's $host has none): not the app's port.
    if (!/:\d+$/.test(host)) url.port = '';
  }
  if (url.href == request.url) return request;
  const hasBody = request.method != 'GET' && request.method != 'HEAD';
  const seen = new Request(url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(hasBody && { body: request.body, duplex: 'half' }),
  } as RequestInit);
  const target = sentTargets.get(request);
  return target === undefined ? seen : keepSentTarget(seen, target);
};

/**
 * The Fetch `Request` a partner's route passed, or a TypeError that says how to get one: Node's
 * and Express's `req` have `headers` as a plain object, and would otherwise fail deep inside with
 * "request.headers.get is not a function".
 */
export const fetchRequest = (request: unknown, method: string): Request => {
  const headers = (request as { headers?: { get?: unknown } } | undefined)?.headers;
  if (typeof headers?.get != 'function' || typeof (request as { url?: unknown }).url != 'string')
    throw new TypeError(
      `oauth-connect/server: ${method} needs a Fetch Request; wrap Node's or Express's req with ` +
        `toWebRequest(req) from 'oauth-connect/server/node'.`,
    );
  return request as Request;
};

/** The origin the browser talked to: what a POST's `Origin` must equal, and what decides the cookie flags. */
export const requestOrigin = (request: Request): string => requestUrl(request).origin;

export const answer = (status: number, body: unknown, cookies: string[] = []): Response => {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
};

/**
 * Who hears of a 5xx: `onError` when the partner gave one, else `console.error`.
 * What is logged names the route, the error, its code and its causes' messages,
 * never the objects they carry (a token response, a cookie).
 */
export const reportFailure = (error: unknown, route: string, onError?: (error: unknown) => void): void => {
  if (onError) return onError(error);
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const { name, message, code } = current as { name?: unknown; message?: unknown; code?: unknown };
    lines.push(
      current instanceof Error
        ? `${String(name)}${typeof code == 'string' ? ` [${code}]` : ''}: ${String(message)}`
        : `(${typeof current})`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  console.error(`oauth-connect/server: ${route} failed: ${lines.join('\n  caused by ')}`);
};

/** Any failure as the browser may see it: a code and a sentence, never a stack, an internal URL or a network code. */
export const failure = (error: unknown, route: string, onError?: (error: unknown) => void): Response => {
  const known = asAuthError(error);
  if (known.status >= 500) reportFailure(error, route, onError);
  const body: ErrorAnswer = { error: known.error, error_description: known.errorDescription };
  return answer(known.status, body, known.setCookie);
};

/** The AuthError for any failure: what the browser or a partner's route is told. */
export const asAuthError = (error: unknown): AuthError => {
  if (error instanceof AuthError) return error;
  const cause = { cause: error };
  if (error instanceof TokenError) {
    // The provider did not answer, or answered nonsense: its failure, not the browser's. The detail
    // (the endpoint's URL, ECONNREFUSED) is for the log only.
    if (error.error == ERROR_CODES.networkError)
      return new AuthError(ERROR_CODES.serverError, 'The provider could not be reached.', { status: 502, ...cause });
    // The answer of a provider (or its metadata) that is not valid: what was wrong, and where, is for the log.
    if (error.error == ERROR_CODES.invalidResponse)
      return new AuthError(ERROR_CODES.invalidResponse, 'The provider gave an answer that is not valid.', {
        status: 502,
        ...cause,
      });
    if (error.status >= 500)
      return new AuthError(error.error, error.errorDescription ?? 'The provider failed.', { status: 502, ...cause });
    return new AuthError(error.error, error.errorDescription ?? 'The provider refused.', { status: 400, ...cause });
  }
  if (error instanceof SessionTooLargeError) return error;
  return new AuthError(ERROR_CODES.serverError, 'The sign-in handler failed; see the server log.', {
    status: 500,
    ...cause,
  });
};

/**
 * RFC 10017's CSRF defence for a BFF: a custom header (which a cross-site form
 * cannot send and a cross-site fetch cannot send without a CORS preflight we
 * never grant) and an Origin that is this site's.
 */
export const checkPost = (request: Request, origins: string[]) =>
  checkSameOrigin(request, { origins, originRequired: true });

/**
 * The same rule for any method: the header, and an `Origin` that is this site's (or one of `origins`);
 * the API proxy takes a GET without `Origin` (browsers send none on a same-origin GET).
 */
export const checkSameOrigin = (
  request: Request,
  { origins = [], originRequired }: { origins?: string[]; originRequired: boolean },
) => {
  if (request.headers.get(BFF_HEADER) != BFF_HEADER_VALUE)
    throw new AuthError(
      ERROR_CODES.invalidRequest,
      `${request.method} requests need the header "${BFF_HEADER}: ${BFF_HEADER_VALUE}".`,
      { status: 403 },
    );
  const origin = request.headers.get('origin');
  if (origin === null && !originRequired) return;
  const own = requestOrigin(request);
  if (origin && (origin == own || origins.includes(origin))) return;
  logRefusal(request, origin, own);
  // The browser is told where to look, not what this server computed (that goes to the log).
  throw new AuthError(
    ERROR_CODES.invalidRequest,
    'Cross-origin request refused. Behind a proxy, give createAuthHandler trustProxy: true (and have the ' +
      'proxy set X-Forwarded-Proto and X-Forwarded-Host); a front end on another origin goes in origins.',
    { status: 403 },
  );
};

/** The (Origin, computed origin) pairs already logged: once per process each, and not without end. */
const refusalsLogged = new Set<string>();
const MAX_REFUSALS_LOGGED = 100;

/** What the partner needs to see why a POST was refused: both origins and the headers they came from. */
const logRefusal = (request: Request, origin: string | null, own: string) => {
  const pair = `${origin} ${own}`;
  if (refusalsLogged.has(pair) || refusalsLogged.size >= MAX_REFUSALS_LOGGED) return;
  refusalsLogged.add(pair);
  const header = (name: string) => `${name}: ${request.headers.get(name) ?? '(none)'}`;
  console.warn(
    `oauth-connect/server: refused a POST whose Origin (${origin ?? 'none'}) is not this server's (${own}); ` +
      [header('host'), header('x-forwarded-proto'), header('x-forwarded-host')].join(', ') +
      '. Behind a proxy: createAuthHandler({ trustProxy: true }); another front-end origin: origins.',
  );
};

const tooLarge = (limit: number) =>
  new AuthError(ERROR_CODES.invalidRequest, `The body is larger than ${limit} bytes.`, { status: 413 });

/** A request body, read up to `limit` bytes (a 413 past it). */
export const readCapped = async (request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> => {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = reader && (await reader.read());
    if (!chunk || chunk.done) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
  return bytes;
};

/** The JSON object in a request body, read up to `limit` bytes. */
export const readJson = async (request: Request, limit: number): Promise<Record<string, unknown>> => {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? ''))
    throw new AuthError(ERROR_CODES.invalidRequest, 'The body must be JSON (Content-Type: application/json).', {
      status: 415,
    });
  const bytes = await readCapped(request, limit);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    data = undefined;
  }
  if (typeof data != 'object' || !data || Array.isArray(data))
    throw new AuthError(ERROR_CODES.invalidRequest, 'The body must be a JSON object.', { status: 400 });
  return data as Record<string, unknown>;
};
