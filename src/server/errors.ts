/**
 * The errors of oauth-connect/server, their codes and their one constructor
 * shape `(error, description, { status, cause, errorUri, setCookie })`, and
 * the translation of oauth4webapi's errors into them, so a partner matches on
 * one `error` code whichever layer noticed the problem.
 */
import {
  AuthorizationResponseError,
  OperationProcessingError,
  ResponseBodyError,
  UnsupportedOperationError,
  WWWAuthenticateChallengeError,
} from 'oauth4webapi';

/** The codes this package raises itself, besides a provider's RFC 6749 §5.2 codes (`invalid_grant`, …). */
export const ERROR_CODES = {
  /** What the browser (or the caller) sent cannot be used; nothing was sent to the provider. */
  invalidRequest: 'invalid_request',
  /** The provider answered with something that is not a valid answer (or an OAuth error). */
  invalidResponse: 'invalid_response',
  /** The request to the provider never got a whole HTTP response (DNS, connection, timeout, abort). */
  networkError: 'network_error',
  /** No session, no grant for this provider, or the grant ended (a refused refresh, a logout): sign in again. */
  loginRequired: 'login_required',
  /** The provider, the store or this server failed: a 5xx, always logged (or given to `onError`). */
  serverError: 'server_error',
  /** No route at this path. */
  notFound: 'not_found',
} as const;

/**
 * Codes raised by this helper itself, as opposed to the provider's RFC 6749
 * §5.2 codes (`invalid_grant`, `invalid_client`, …).
 */
export type TokenErrorCode =
  /** The request never got a whole HTTP response (DNS, connection, timeout, abort). `cause` has the reason. */
  | 'network_error'
  /** The provider answered with something that is not a valid answer (or an OAuth error). */
  | 'invalid_response'
  /** What the browser handed over cannot be used (no `code`, say); nothing was sent. */
  | 'invalid_request';

/** The one shape every error of this package takes after its code and description. */
export interface ErrorInit {
  /** HTTP status: the provider's for a TokenError (0 when there was none), the handler's answer for an AuthError. */
  status?: number;
  cause?: unknown;
  /** The provider's `error_uri`, when it sent one. */
  errorUri?: string;
  /** Set-Cookie headers the partner's response must carry: the failure changed the session (a grant ended). */
  setCookie?: string[];
}

/** Provider text (an `error_description`, a page it answered) is cut to this many characters wherever it is carried. */
export const MAX_PROVIDER_TEXT = 500;

const cut = (text: string) => (text.length > MAX_PROVIDER_TEXT ? `${text.slice(0, MAX_PROVIDER_TEXT - 1)}…` : text);

/** The first release took `(error, description, status, errorUri?, options?)`; a number in third place still means that. */
const initOf = (third: ErrorInit | number | undefined, rest: unknown[]): ErrorInit => {
  if (typeof third != 'number') return third ?? {};
  const [fourth, fifth] = rest;
  const options = (typeof fourth == 'object' ? fourth : fifth) as { cause?: unknown } | undefined;
  return {
    status: third,
    ...(typeof fourth == 'string' && { errorUri: fourth }),
    ...(options && 'cause' in options && { cause: options.cause }),
  };
};

/**
 * A request to the provider failed. Match on `error`: the provider's code
 * (RFC 6749 §5.2), e.g. `invalid_grant` for a used, expired or mismatched
 * code, or a {@link TokenErrorCode}.
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  /** The provider's `error_description` (cut to 500 characters), or ours; credentials in URLs are redacted. */
  readonly errorDescription: string | undefined;
  /** The HTTP status; 0 when there was no response. */
  readonly status: number;
  /** The provider's `error_uri`, when it sent one. */
  readonly errorUri: string | undefined;
  constructor(
    readonly error: TokenErrorCode | (string & {}),
    errorDescription: string | undefined,
    init?: ErrorInit | number,
    ...legacy: unknown[]
  ) {
    const options = initOf(init, legacy);
    const description = errorDescription && cut(redactText(errorDescription));
    super(description ? `${error}: ${description}` : error, 'cause' in options ? { cause: options.cause } : {});
    this.errorDescription = description;
    this.status = options.status ?? 0;
    this.errorUri = options.errorUri;
  }
}

/**
 * A failure the handler answers with `{ error, error_description }` and
 * `status`, and that `getAccessToken` throws to the partner's route.
 */
export class AuthError extends Error {
  override readonly name: string = 'AuthError';
  readonly errorDescription: string;
  /** 4xx for what the request did, 5xx only when a provider, the store or this server failed. */
  readonly status: number;
  /** Set-Cookie headers the response must carry (the failure changed the session); often empty. */
  readonly setCookie: string[];
  constructor(
    /** An OAuth-style code: `invalid_request`, `login_required`, `access_denied`, `server_error`, … */
    readonly error: string,
    errorDescription: string,
    init?: ErrorInit | number,
    ...legacy: unknown[]
  ) {
    const options = initOf(init, legacy);
    const description = cut(errorDescription);
    super(`${error}: ${description}`, 'cause' in options ? { cause: options.cause } : {});
    this.errorDescription = description;
    this.status = options.status ?? 400;
    this.setCookie = options.setCookie ?? [];
  }
}

/** The session outgrew a cookie (4096 bytes): give createAuthHandler a store. Answered as a 500 `server_error`. */
export class SessionTooLargeError extends AuthError {
  override readonly name = 'SessionTooLargeError';
  constructor(errorDescription: string, init: ErrorInit = {}) {
    super(ERROR_CODES.serverError, errorDescription, { status: 500, ...init });
  }
}

/** `scheme://user:password@` anywhere in a text (a runtime's own message may quote the URL). */
const redactText = (text: string) => text.replace(/(\/\/)[^/\s@]*@/g, '$1redacted@');

/** A URL fit for an error message: `https://user:pass@host/` would print the credentials. */
export const redact = (url: string | URL): string => {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = 'redacted';
      parsed.password = '';
    }
    return parsed.href;
  } catch {
    return '(not a URL)';
  }
};

/** Codes Node's fetch (undici) puts on `cause` that a partner will recognise in a log. */
const networkCause = (error: unknown): string => {
  if (error instanceof DOMException && error.name == 'TimeoutError') return 'timeout';
  if (error instanceof DOMException && error.name == 'AbortError') return 'aborted';
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code == 'string' && /^E[A-Z_]+$/.test(code)) return code;
    if (typeof code == 'string' && code.startsWith('UND_ERR')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
};

export const networkError = (what: string, url: string | URL, cause: unknown): TokenError =>
  new TokenError('network_error', `The ${what} to ${redact(url)} failed: ${networkCause(cause)}.`, {
    status: 0,
    cause,
  });

/** What the last response of one call said, for errors that oauth4webapi raises without it. */
export interface CallRecord {
  status: number;
  body?: Uint8Array;
}

const oauthErrorIn = (record: CallRecord) => {
  try {
    const data: unknown = JSON.parse(new TextDecoder().decode(record.body));
    if (typeof data == 'object' && data && typeof (data as { error?: unknown }).error == 'string')
      return data as { error: string; error_description?: unknown; error_uri?: unknown };
  } catch {
    // Not JSON: not an OAuth error either.
  }
  return undefined;
};
const text = (value: unknown) => (typeof value == 'string' && value ? value : undefined);

/** Turns whatever a protocol step threw into a TokenError (TypeErrors, for a wrong call, stay). */
export const toTokenError = (error: unknown, record: CallRecord, what: string): Error => {
  if (error instanceof TokenError) return error;
  if (error instanceof ResponseBodyError)
    return new TokenError(error.error, error.error_description, {
      status: error.status,
      errorUri: text((error.cause as { error_uri?: unknown }).error_uri),
      cause: error,
    });
  if (error instanceof AuthorizationResponseError)
    return new TokenError(error.error, error.error_description, { status: 0, cause: error });
  if (error instanceof WWWAuthenticateChallengeError) {
    // A token endpoint's 401 invalid_client comes with `WWW-Authenticate: Basic` (RFC 6749 §5.2): the body says more.
    const oauth = oauthErrorIn(record);
    if (oauth)
      return new TokenError(oauth.error, text(oauth.error_description), {
        status: error.status,
        errorUri: text(oauth.error_uri),
        cause: error,
      });
    const challenge = error.cause[0];
    return new TokenError(
      challenge?.parameters.error ?? 'invalid_token',
      challenge?.parameters.error_description ?? `The ${what} was refused (WWW-Authenticate).`,
      { status: error.status, cause: error },
    );
  }
  if (error instanceof OperationProcessingError || error instanceof UnsupportedOperationError) {
    // RFC 6749 §5.2 errors come with 400/401; a 5xx JSON error (temporarily_unavailable) is one too.
    const oauth = record.status >= 400 ? oauthErrorIn(record) : undefined;
    if (oauth)
      return new TokenError(oauth.error, text(oauth.error_description), {
        status: record.status,
        errorUri: text(oauth.error_uri),
        cause: error,
      });
    const detail =
      error instanceof OperationProcessingError && error.code == 'OAUTH_RESPONSE_IS_NOT_CONFORM'
        ? `answered HTTP ${record.status} without an OAuth error`
        : `gave an answer that is not valid: ${error.message}`;
    return new TokenError('invalid_response', `The ${what} ${detail}.`, { status: record.status, cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
};
