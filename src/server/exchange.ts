/**
 * The Request/Response side of createAuthHandler: its error type, how a
 * request body is read (capped, JSON object), the CSRF rule for POSTs, and
 * how a failure becomes `{ error, error_description }` without a stack.
 */
import { TokenError } from './errors.js';
import { SessionTooLargeError } from './session.js';

/** A failure the handler answers with `{ error, error_description }` and `status`. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    /** An OAuth-style code: `invalid_request`, `login_required`, `access_denied`, `server_error`, … */
    readonly error: string,
    readonly errorDescription: string,
    /** 4xx for what the request did, 5xx only when a provider or the store failed. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(`${error}: ${errorDescription}`, options);
  }
}

export const answer = (status: number, body: unknown, cookies: string[] = []): Response => {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
};

/** Any failure as the browser may see it: a code and a sentence, never a stack. */
export const failure = (error: unknown, onError?: (error: unknown) => void): Response => {
  const known = asAuthError(error);
  if (known.status >= 500) onError?.(error);
  return answer(known.status, { error: known.error, error_description: known.errorDescription });
};

/** The AuthError for any failure (what the browser or a partner route is told). */
export const asAuthError = (error: unknown): AuthError => {
  if (error instanceof AuthError) return error;
  if (error instanceof TokenError) {
    // The provider did not answer, or answered nonsense: its failure, not the browser's.
    if (error.error == 'network_error')
      return new AuthError(
        'server_error',
        `The provider could not be reached. ${error.errorDescription ?? ''}`.trim(),
        502,
      );
    if (error.status >= 500 || (error.error == 'invalid_response' && error.status > 0))
      return new AuthError(error.error, error.errorDescription ?? 'The provider failed.', 502);
    return new AuthError(error.error, error.errorDescription ?? 'The provider refused.', 400);
  }
  if (error instanceof SessionTooLargeError) return new AuthError('server_error', error.message, 500);
  return new AuthError('server_error', 'The sign-in handler failed; see the server log.', 500);
};

/**
 * RFC 10017's CSRF defence for a BFF: a custom header (which a cross-site form
 * cannot send and a cross-site fetch cannot send without a CORS preflight we
 * never grant) and an Origin that is this site's.
 */
export const checkPost = (request: Request, origins: string[]) => {
  if (request.headers.get('oauth-connect') != '1')
    throw new AuthError('invalid_request', 'POST requests need the header "OAuth-Connect: 1".', 403);
  const origin = request.headers.get('origin');
  if (!origin || !(origin == new URL(request.url).origin || origins.includes(origin)))
    throw new AuthError('invalid_request', `Cross-origin request refused (Origin: ${origin ?? 'none'}).`, 403);
};

/** The JSON object in a request body, read up to `limit` bytes. */
export const readJson = async (request: Request, limit: number): Promise<Record<string, unknown>> => {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? ''))
    throw new AuthError('invalid_request', 'The body must be JSON (Content-Type: application/json).', 415);
  if (Number(request.headers.get('content-length')) > limit)
    throw new AuthError('invalid_request', `The body is larger than ${limit} bytes.`, 413);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = reader && (await reader.read());
    if (!chunk || chunk.done) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new AuthError('invalid_request', `The body is larger than ${limit} bytes.`, 413);
    }
    chunks.push(chunk.value);
  }
  let data: unknown;
  try {
    const bytes = new Uint8Array(total);
    chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    data = undefined;
  }
  if (typeof data != 'object' || !data || Array.isArray(data))
    throw new AuthError('invalid_request', 'The body must be a JSON object.', 400);
  return data as Record<string, unknown>;
};
