import type { IncomingMessage } from 'node:http';
import type { MockProviderOptions } from './types.js';

/** Where a request is served: the issuer's path in this process, and its identifier (RFC 8414 §2). */
export interface Issuer {
  /** `''` for the main issuer, else one of the `issuers` option (`/a`). */
  path: string;
  /** The issuer identifier: `iss` in responses and ID tokens, `issuer` in metadata. */
  id: string;
}

/** The issuers one provider serves, and how a request finds its own. */
export interface Issuers {
  paths: string[];
  /** Splits a path into the issuer's path and the endpoint's path below it. */
  split(pathname: string): { issuerPath: string; rest: string };
  at(req: IncomingMessage, issuerPath: string): Issuer;
}

export const createIssuers = (options: MockProviderOptions): Issuers => {
  const paths = (options.issuers ?? []).map((path) => {
    if (!/^(\/[\w.~-]+)+$/.test(path) || path.includes('/.well-known'))
      throw new TypeError(`An issuer path is like "/tenant-a", not ${JSON.stringify(path)}.`);
    return path;
  });
  // The longest first, so that "/a/b" is not taken for "/a".
  const byLength = [...paths].sort((a, b) => b.length - a.length);
  const configured = options.issuer?.replace(/\/+$/, '');
  return {
    paths,
    split: (pathname) => {
      const issuerPath = byLength.find((path) => pathname == path || pathname.startsWith(`${path}/`)) ?? '';
      return { issuerPath, rest: pathname.slice(issuerPath.length) || '/' };
    },
    at: (req, issuerPath) => {
      if (configured) return { path: issuerPath, id: `${configured}${issuerPath}` };
      // Where this handler is mounted, as the browser sees it (Connect strips the prefix from url, not originalUrl).
      const original = ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/').replace(
        /\?.*$/s,
        '',
      );
      const local = (req.url ?? '/').replace(/\?.*$/s, '');
      const prefix = original.endsWith(local)
        ? original.slice(0, original.length - local.length)
        : local == '/'
          ? original
          : '';
      return { path: issuerPath, id: `http://${req.headers.host}${prefix.replace(/\/$/, '')}${issuerPath}` };
    },
  };
};
