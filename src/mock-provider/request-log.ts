import type { IncomingMessage } from 'node:http';
import type { MockEndpoint } from './types.js';

/** One protocol request as the provider received it (see `MockProvider.requests()`). */
export interface MockRequest {
  endpoint: MockEndpoint;
  method: string;
  /** The issuer's path (`''` for the main issuer, `/tenant-a` …). */
  issuerPath: string;
  /** Query and form parameters; secrets, codes, tokens and passwords read `[masked]`. */
  params: Record<string, string>;
  /** How the client authenticated at the token or revocation endpoint; `bearer` at userinfo. */
  clientAuthentication?: 'client_secret_basic' | 'client_secret_post' | 'none' | 'bearer';
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
  const copy = (entry: MockRequest): MockRequest => ({ ...entry, params: { ...entry.params } });
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
