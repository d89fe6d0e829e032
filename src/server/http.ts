/**
 * The only way oauth-connect/server talks to a provider: oauth4webapi does the
 * protocol, and this fetch (its `customFetch`) bounds what a provider can do
 * to the partner's server. A hostile or broken endpoint once kept a request
 * pending for ever (a byte a second) and had a 96 MiB answer read whole.
 */
import { networkError, redact, TokenError, type CallRecord } from './errors.js';

/** How every request to the provider is sent. */
export interface HttpOptions {
  /** Another `fetch` (a proxy agent, a test double). Default: the global one. */
  fetch?: typeof fetch;
  /** Aborts the request (e.g. when the partner's own request is gone). */
  signal?: AbortSignal;
  /** Milliseconds for the whole request, answer included. Default 10 000. */
  timeout?: number;
  /** Largest answer read, in bytes; a larger one is `invalid_response` and is not read further. Default 1 MiB. */
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Loopback hosts, where http:// is allowed (a local provider in development, RFC 8252 §8.3). */
export const isLoopback = (url: URL): boolean =>
  url.hostname == 'localhost' ||
  url.hostname.endsWith('.localhost') ||
  url.hostname == '[::1]' ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);

/** https, or http on loopback: anything else would send the client secret or the tokens in clear. */
export const isAllowedUrl = (url: URL): boolean =>
  url.protocol == 'https:' || (url.protocol == 'http:' && isLoopback(url));

/** A configured URL, refused before any request when it is not https (or loopback http). */
export const configuredUrl = (value: string | URL, name: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`oauth-connect/server: ${name} is not a URL.`);
  }
  if (!isAllowedUrl(url))
    throw new TypeError(
      `oauth-connect/server: ${name} ${redact(url)} must be https (http only on localhost / 127.0.0.1 / [::1]).`,
    );
  return url;
};

/** Statuses whose Response may carry no body (the Fetch standard's "null body status"). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const readCapped = async (response: Response, limit: number, url: URL): Promise<Uint8Array<ArrayBuffer>> => {
  const tooLarge = () =>
    new TokenError(
      'invalid_response',
      `The answer from ${redact(url)} is larger than ${limit} bytes; it was not read.`,
      { status: response.status },
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/**
 * The `customFetch` for one call: refuses insecure URLs (metadata may name any),
 * applies the timeout to the whole exchange, caps the answer, and remembers
 * the status and body for the error that may follow.
 */
export const guardedFetch =
  (options: HttpOptions, record: CallRecord, what: string) =>
  async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (!isAllowedUrl(url))
      throw new TokenError(
        'invalid_response',
        `Refused to send the ${what} to ${redact(url)}: not https (http only on loopback).`,
        { status: 0 },
      );
    const timeout = AbortSignal.timeout(options.timeout ?? DEFAULT_TIMEOUT);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await (options.fetch ?? fetch)(url.href, {
        ...init,
        signal,
        // Never follow a redirect with the code and the secret in the body.
        redirect: 'manual',
        cache: 'no-store',
      });
      const body = await readCapped(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, url);
      record.status = response.status;
      record.body = body;
      return new Response(NULL_BODY.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (error instanceof TokenError) throw error;
      throw networkError(what, url, signal.aborted ? (signal.reason ?? error) : error);
    }
  };
