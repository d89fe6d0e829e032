/**
 * The HTTP edge of createAuthHandler: how the server sees a request (its URL
 * and origin), the CSRF rule for POSTs, capped JSON bodies, JSON answers, and
 * how a failure becomes `{ error, error_description }` for the browser while
 * its detail goes to the log. Trusting a proxy's forwarded headers, when it
 * comes, is decided here and nowhere else.
 */
import { BFF_HEADER, BFF_HEADER_VALUE, type ErrorAnswer } from '../protocol/bff.js';
import { AuthError, ERROR_CODES, SessionTooLargeError, TokenError } from './errors.js';

/** The URL the browser asked for, as this server sees it. */
export const requestUrl = (request: Request): URL => new URL(request.url);

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
  if (!origin || !(origin == requestOrigin(request) || origins.includes(origin)))
    throw new AuthError(ERROR_CODES.invalidRequest, `Cross-origin request refused (Origin: ${origin ?? 'none'}).`, {
      status: 403,
    });
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
