import type { IncomingMessage, ServerResponse } from 'node:http';

/** Name/value pairs of a query string or form body, duplicates kept, in order. */
export type FormPairs = Array<[string, string]>;

/**
 * Decodes `application/x-www-form-urlencoded` text strictly: a malformed
 * percent-escape makes the whole input invalid (URLSearchParams would silently
 * keep it). Returns undefined for malformed input.
 */
export const parseForm = (text: string): FormPairs | undefined => {
  const pairs: FormPairs = [];
  for (const piece of text.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    const rawName = eq < 0 ? piece : piece.slice(0, eq);
    const rawValue = eq < 0 ? '' : piece.slice(eq + 1);
    try {
      pairs.push([formDecode(rawName), formDecode(rawValue)]);
    } catch {
      return undefined;
    }
  }
  return pairs;
};

/** One form component; throws on a malformed escape. */
export const formDecode = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));

/** Parameters with one value each, or the name of the first duplicated one. */
export interface Params {
  /** RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted." */
  get(name: string): string | undefined;
  /** The first parameter that appears more than once (RFC 6749 §3.1 forbids it). */
  duplicate: string | undefined;
  names: string[];
}

export const toParams = (pairs: FormPairs): Params => {
  const values = new Map<string, string>();
  const seen = new Set<string>();
  let duplicate: string | undefined;
  for (const [name, value] of pairs) {
    if (seen.has(name)) duplicate ??= name;
    seen.add(name);
    if (!values.has(name)) values.set(name, value);
  }
  return { get: (name) => values.get(name) || undefined, duplicate, names: [...seen] };
};

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

/** Past this much discarded input the connection is cut instead of drained. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. A larger body is drained and
 * discarded (so the client reads our 413 instead of a reset connection), up to
 * a hard cap past which the socket is destroyed.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<BodyResult> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES) req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        tooLarge ? { ok: false, reason: 'too_large' } : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', () => resolve({ ok: false, reason: tooLarge ? 'too_large' : 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, reason: tooLarge ? 'too_large' : 'aborted' });
    });
  });

export type BasicCredentials = { clientId: string; clientSecret: string };

/**
 * Parses `Authorization: Basic …` client credentials (RFC 6749 §2.3.1: the id
 * and secret are form-encoded, joined by a colon, then base64-encoded; the
 * Ulule's documented Python example skips the form-encoding, which is the same for plain ids).
 * Returns 'malformed' for anything that is not well-formed Basic credentials,
 * undefined when there is no Authorization header.
 */
export const parseBasicAuth = (header: string | undefined): BasicCredentials | 'malformed' | undefined => {
  if (header === undefined) return undefined;
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  const encoded = match?.[1];
  if (!encoded || encoded.length % 4 != 0) return 'malformed';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
};

/** Headers every protocol response carries: tokens and codes must never be cached (RFC 6749 §5.1). */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...NO_STORE,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

/**
 * Provider pages: never cached, never framed (a framed consent page invites
 * clickjacking, RFC 6749 §10.13), and they send no Referer to other sites.
 */
export const sendHtml = (
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, {
    ...NO_STORE,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    // Not no-referrer: with it, browsers send `Origin: null` on the pages' own form posts,
    // which the CSRF check needs; same-origin still sends nothing to the partner.
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(html);
};

export const redirect = (
  res: ServerResponse,
  status: 302 | 303,
  location: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { ...NO_STORE, Location: location, 'Referrer-Policy': 'no-referrer', ...headers });
  res.end();
};

export const parseCookies = (header: string | undefined): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
};
