/**
 * The thin adapter from Node's `http` (and so Express and Connect) to the
 * Fetch-standard handler: one handler for every runtime, this file only
 * translates.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AccessToken, AuthHandler } from './handler.js';
import { asSeen, failure, keepSentTarget, reportFailure, requestPath } from './requests.js';

type NodeRequest = IncomingMessage & { originalUrl?: string };

export interface NodeRequestOptions {
  /**
   * @deprecated Give `trustProxy` to `createAuthHandler`, which then reads the forwarded headers
   * of every request it is given, this one's included. Still honoured here for one minor version.
   */
  trustProxy?: boolean;
}

/** The Fetch `Request` for a Node request, e.g. for `getSession` / `getAccessToken` in an Express route. */
export const toWebRequest = (req: NodeRequest, options: NodeRequestOptions = {}): Request => {
  const encrypted = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
  const host = req.headers.host ?? 'localhost';
  // Express and Connect strip the mount path from req.url; originalUrl keeps it.
  const target = req.originalUrl ?? req.url ?? '/';
  // A path starting `//` or `/\` would be read as another host's URL (`//evil.example/x`): a `/.`
  // in front keeps it a path on this host, the dot segment itself dropped by the parser.
  const path = target.startsWith('/') || target.startsWith('\\') ? `/.${target}` : target;
  const url = new URL(path, `${encrypted ? 'https' : 'http'}://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  const hasBody = req.method != 'GET' && req.method != 'HEAD';
  const request = new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
  // The URL above has resolved any `..` or `\` the client sent; the handler refuses them as sent.
  // The deprecated `trustProxy` applies the handler's own rule (requests.ts), not one of its own.
  return asSeen(keepSentTarget(request, target), options.trustProxy ?? false);
};

/** Writes a Fetch `Response` to a Node response (every Set-Cookie kept apart). */
export const sendWebResponse = async (response: Response, res: ServerResponse): Promise<void> => {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name != 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
};

/**
 * The adapter's own `trustProxy` / `basePath`, still accepted for one minor version: the handler's
 * (`createAuthHandler({ trustProxy, basePath })`) are the ones that count, so a value that
 * disagrees with them is a mistake said at start-up rather than a 403 or a 404 later.
 */
const checkAgainstHandler = (handler: AuthHandler, options: NodeRequestOptions & { basePath?: string }) => {
  if (options.trustProxy !== undefined && options.trustProxy !== handler.trustProxy)
    throw new TypeError(
      `oauth-connect/server/node: toNodeHandler's trustProxy (${options.trustProxy}) disagrees with the handler's ` +
        `(${handler.trustProxy}); give it once, to createAuthHandler({ trustProxy }).`,
    );
  const base = options.basePath?.replace(/\/+$/, '');
  if (base !== undefined && base !== handler.basePath)
    throw new TypeError(
      `oauth-connect/server/node: toNodeHandler's basePath (${base}) disagrees with the handler's ` +
        `(${handler.basePath}); give it once, to createAuthHandler({ basePath }).`,
    );
};

/**
 * `(req, res, next?)` for `http.createServer`, Express (`app.use(toNodeHandler(auth))`, or under a
 * prefix: Express keeps the full path in `originalUrl`) and Connect. It answers at the handler's
 * `basePath`; other requests go to `next` when there is one.
 */
export const toNodeHandler = (handler: AuthHandler, options: NodeRequestOptions & { basePath?: string } = {}) => {
  checkAgainstHandler(handler, options);
  const base = handler.basePath;
  return async (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void): Promise<void> => {
    try {
      // The handler reads the forwarded headers itself when told to trust the proxy.
      const request = toWebRequest(req);
      // The path as sent, as the handler routes it: both agree on what is theirs.
      const path = requestPath(request);
      if (next && path != base && !path.startsWith(`${base}/`)) return next();
      await sendWebResponse(await handler(request), res);
    } catch (error) {
      if (next) return next(error);
      // No 5xx unlogged: the handler logs its own; this is the adapter failing around it.
      reportFailure(error, 'toNodeHandler');
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: 'The sign-in handler failed.' }));
    }
  };
};

/** A Node request once `requireAccessToken` let it through: the token for the partner's route. */
export type RequestWithAccessToken = IncomingMessage & { accessToken?: AccessToken };

/**
 * `(req, res, next)` middleware for `node:http`, Express 4 and 5 and Connect: puts a valid access
 * token for `provider` on `req.accessToken` (refreshed when it expired) and calls `next`, or
 * answers JSON `{ error, error_description }` itself: 401 `login_required` when not signed in,
 * 503 when the session store is down, 502 when the provider cannot be reached. Either way the
 * session's Set-Cookie goes with the response. It never rejects, so no route of the partner's can
 * crash the process (Express 4) or answer with a stack trace (Express 5).
 */
export const requireAccessToken =
  (handler: AuthHandler, provider: string) =>
  async (req: RequestWithAccessToken, res: ServerResponse, next: (error?: unknown) => void): Promise<void> => {
    let token: AccessToken;
    try {
      token = await handler.getAccessToken(toWebRequest(req), provider);
    } catch (error) {
      // The same answer, logged the same way, as withAccessToken's in a Fetch runtime.
      await sendWebResponse(failure(error, `requireAccessToken(${provider})`), res);
      return;
    }
    if (token.setCookie.length) res.appendHeader('Set-Cookie', token.setCookie);
    req.accessToken = token;
    next();
  };
