/**
 * Calling the provider's REST API with the session's token: `fetchApi` for
 * the partner's own routes. It adds the token, the base URL and the
 * provider's headers, sends absolute URLs only to the provider's own hosts,
 * returns redirects rather than following them (the token would go along),
 * bounds time and size as the token calls do, and on a 401 that says the
 * token is bad refreshes once and tries once more.
 */
import type { AccessToken } from './access-token.js';
import { AuthError, ERROR_CODES, networkError, redact } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, isAllowedUrl } from './http.js';
import type { Provider, ProviderNamed } from './providers.js';

export interface ApiResult {
  /** The provider's answer, without its `Set-Cookie`; its body streams, capped at `maxResponseBytes`. */
  response: Response;
  /** Set-Cookie headers your response must carry (a refresh changed the session); often empty. */
  setCookie: string[];
}

export type FetchApi = (
  request: Request,
  provider: string,
  pathOrUrl: string | URL,
  init?: RequestInit,
) => Promise<ApiResult>;

type TokenFor = (request: Request, provider: string, rejected?: string) => Promise<AccessToken>;

/** The URL a call goes to: a path below the base URL, or an absolute URL on one of the provider's hosts. */
const targetOf = (provider: Provider, pathOrUrl: string | URL): URL => {
  const api = provider.api;
  const absolute = pathOrUrl instanceof URL || /^[a-z][a-z\d+.-]*:/i.test(pathOrUrl);
  if (absolute) {
    const url = new URL(pathOrUrl);
    if (!api?.hosts.includes(url.host.toLowerCase()) || !isAllowedUrl(url))
      throw new TypeError(
        `oauth-connect/server: fetchApi refuses ${redact(url)}: the ${provider.id} token goes only to https URLs on ${api?.hosts.join(', ') || 'the hosts of providers.' + provider.id + '.api.hosts'}.`,
      );
    return url;
  }
  const base = api?.baseUrl;
  if (!base)
    throw new TypeError(
      `oauth-connect/server: fetchApi got a path, but providers.${provider.id} has no API base URL: set its profile or api.baseUrl, or pass an absolute URL.`,
    );
  const url = new URL(pathOrUrl.replace(/^\/+/, ''), base);
  // `..` would climb out of the API (to the token endpoint on the same host, say).
  if (url.origin != base.origin || !url.pathname.startsWith(base.pathname))
    throw new TypeError(`oauth-connect/server: fetchApi's path ${JSON.stringify(pathOrUrl)} leaves ${base.href}.`);
  return url;
};

/** Bodies fetch can send a second time; a stream is read once. */
const resendable = (body: RequestInit['body']): boolean =>
  body === undefined ||
  body === null ||
  typeof body == 'string' ||
  body instanceof URLSearchParams ||
  body instanceof FormData ||
  body instanceof Blob ||
  body instanceof ArrayBuffer ||
  ArrayBuffer.isView(body);

/** RFC 6750 §3.1: a 401 without an error code, or with `invalid_token`, says the token is no good. */
const tokenRefused = (response: Response) => {
  if (response.status != 401) return false;
  const challenge = response.headers.get('www-authenticate') ?? '';
  const error = /\berror\s*=\s*"?([^",\s]*)/i.exec(challenge)?.[1];
  return error === undefined || error == 'invalid_token';
};

/** The body, cut off with an error past `limit` bytes: what the partner or the browser reads is bounded. */
const capped = (response: Response, limit: number, url: URL): ReadableStream<Uint8Array> | null => {
  if (!response.body) return null;
  let total = 0;
  return response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > limit)
          controller.error(new RangeError(`The answer from ${redact(url)} is larger than ${limit} bytes.`));
        else controller.enqueue(chunk);
      },
    }),
  );
};

/** Statuses whose Response may carry no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** One call to the API: the guards of the token calls (https, timeout, size), never following a redirect. */
const send = async (provider: Provider, url: URL, init: RequestInit, headers: Headers): Promise<Response> => {
  const options = provider.client.options;
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(options.timeout ?? DEFAULT_TIMEOUT);
  const signal = AbortSignal.any([timeout, ...[options.signal, init.signal].filter((item) => !!item)]);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url.href, {
      ...init,
      headers,
      signal,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch (error) {
    throw networkError('API request', url, signal.aborted ? (signal.reason ?? error) : error);
  }
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel();
    throw new AuthError(ERROR_CODES.invalidResponse, `The ${provider.id} API's answer is larger than ${limit} bytes.`, {
      status: 502,
    });
  }
  const kept = new Headers(response.headers);
  // The provider's cookies are its own and never become the partner's site's.
  kept.delete('set-cookie');
  // fetch has decoded a compressed body: its encoding and length no longer describe it.
  if (kept.has('content-encoding')) for (const name of ['content-encoding', 'content-length']) kept.delete(name);
  return new Response(NULL_BODY.has(response.status) ? null : capped(response, limit, url), {
    status: response.status,
    statusText: response.statusText,
    headers: kept,
  });
};

export const apiFetcher =
  ({ providerNamed, tokenFor }: { providerNamed: ProviderNamed; tokenFor: TokenFor }): FetchApi =>
  async (request, providerId, pathOrUrl, init = {}) => {
    const provider = providerNamed(providerId);
    const url = targetOf(provider, pathOrUrl);
    const headersWith = (token: AccessToken) => {
      const headers = new Headers(provider.api?.headers);
      for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
      headers.delete('cookie');
      headers.set('authorization', `Bearer ${token.accessToken}`);
      return headers;
    };
    const first = await tokenFor(request, provider.id);
    const response = await send(provider, url, init, headersWith(first));
    if (!tokenRefused(response) || !resendable(init.body)) return { response, setCookie: first.setCookie };
    await response.body?.cancel();
    // One forced refresh, under the session's refresh lock, then one more try.
    const second = await tokenFor(request, provider.id, first.accessToken);
    const setCookie = [...first.setCookie, ...second.setCookie];
    const retried = await send(provider, url, init, headersWith(second));
    if (tokenRefused(retried)) {
      await retried.body?.cancel();
      throw new AuthError(
        ERROR_CODES.loginRequired,
        `The ${provider.id} API refused the refreshed token: sign in again.`,
        {
          status: 401,
          setCookie,
        },
      );
    }
    return { response: retried, setCookie };
  };
