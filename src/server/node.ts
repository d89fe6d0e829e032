/**
 * The thin adapter from Node's `http` (and so Express and Connect) to the
 * Fetch-standard handler: one handler for every runtime, this file only
 * translates.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AuthHandler } from './handler.js';
import { reportFailure } from './requests.js';

type NodeRequest = IncomingMessage & { originalUrl?: string };

export interface NodeRequestOptions {
  /**
   * Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (behind your own proxy or load
   * balancer only: a client could send them too). Default false.
   */
  trustProxy?: boolean;
}

/** The Fetch `Request` for a Node request, e.g. for `getSession` / `getAccessToken` in an Express route. */
export const toWebRequest = (req: NodeRequest, options: NodeRequestOptions = {}): Request => {
  const forwarded = (name: string) => {
    const value = options.trustProxy ? req.headers[name] : undefined;
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  };
  const encrypted = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
  const protocol = forwarded('x-forwarded-proto') ?? (encrypted ? 'https' : 'http');
  const host = forwarded('x-forwarded-host') ?? req.headers.host ?? 'localhost';
  // Express and Connect strip the mount path from req.url; originalUrl keeps it.
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${protocol}://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  const hasBody = req.method != 'GET' && req.method != 'HEAD';
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
  } as RequestInit);
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
 * `(req, res, next?)` for `http.createServer`, Express (`app.use(toNodeHandler(auth))`)
 * and Connect. Requests outside the handler's base path go to `next` when there is one.
 */
export const toNodeHandler =
  (handler: AuthHandler, options: NodeRequestOptions & { basePath?: string } = {}) =>
  async (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void): Promise<void> => {
    try {
      const request = toWebRequest(req, options);
      const base = (options.basePath ?? '/auth').replace(/\/+$/, '');
      const path = new URL(request.url).pathname;
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
