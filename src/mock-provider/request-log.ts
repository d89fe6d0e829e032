import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { MockEndpoint } from './types.js';

/** How a client authenticated at the token or revocation endpoint; `bearer` at a resource. */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post' | 'none' | 'bearer';

/** One protocol or API request as the provider received it (see `MockProvider.requests()`). */
export interface MockRequest {
  endpoint: MockEndpoint;
  method: string;
  /** The path below the issuer's, for `userinfo` and `api` requests (`/v1/users/1/orders`). */
  path?: string;
  /**
   * What a `userinfo` or `api` request carried: every header by its lower-case
   * name, `authorization` as its scheme and `[masked]`, cookies `[masked]`.
   */
  headers?: Record<string, string>;
  /** The issuer's path (`''` for the main issuer, `/tenant-a` …). */
  issuerPath: string;
  /** Query and form parameters; secrets, codes, tokens and passwords read `[masked]`. */
  params: Record<string, string>;
  /** How the client authenticated at the token or revocation endpoint; `bearer` at userinfo. */
  clientAuthentication?: ClientAuthentication;
  /** `Date.now()` when it arrived. */
  at: number;
}

/** Parameters whose values a test log must not show: they would let its reader act as the user or client. */
const SECRET = new Set([
  'client_secret',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'token',
  'password',
  'csrf',
  'id_token',
]);

/** Headers whose values would let the log's reader act as the user or the client. */
const SECRET_HEADERS = new Set(['cookie', 'proxy-authorization']);

/** A request's headers for the log: the credentials' schemes shown, their values masked. */
export const maskHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    shown[name] =
      name == 'authorization' ? `${text.split(' ')[0] ?? ''} [masked]` : SECRET_HEADERS.has(name) ? '[masked]' : text;
  }
  return shown;
};

export const maskParams = (pairs: Iterable<[string, string]>): Record<string, string> => {
  const params: Record<string, string> = {};
  for (const [name, value] of pairs) if (!(name in params)) params[name] = SECRET.has(name) ? '[masked]' : value;
  return params;
};

/** The last `limit` protocol requests, oldest first. */
export interface RequestLog {
  record(req: IncomingMessage, entry: Omit<MockRequest, 'at'>): void;
  /** The entry of a request, for an endpoint to add what it learnt from the body. */
  entryOf(req: IncomingMessage): MockRequest | undefined;
  all(): MockRequest[];
  lastAuthorization(): MockRequest | undefined;
  reset(): void;
}

export const createRequestLog = (limit: number): RequestLog => {
  let entries: MockRequest[] = [];
  const byRequest = new WeakMap<IncomingMessage, MockRequest>();
  const copy = (entry: MockRequest): MockRequest => ({
    ...entry,
    params: { ...entry.params },
    ...(entry.headers && { headers: { ...entry.headers } }),
  });
  return {
    record: (req, entry) => {
      const recorded = { ...entry, at: Date.now() };
      byRequest.set(req, recorded);
      entries.push(recorded);
      if (entries.length > limit) entries = entries.slice(-limit);
    },
    entryOf: (req) => byRequest.get(req),
    all: () => entries.map(copy),
    lastAuthorization: () => {
      const last = [...entries].reverse().find((entry) => entry.endpoint == 'authorize');
      return last && copy(last);
    },
    reset: () => {
      entries = [];
    },
  };
};
