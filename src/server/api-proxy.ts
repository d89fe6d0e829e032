/**
 * The page's way to the provider's API without holding a token:
 * `{basePath}/api/{provider}/{path}`, off unless the provider's `api.allow`
 * names the call. Every guard runs before a token is looked up: the
 * `OAuth-Connect` header (a cross-site page cannot send it without a CORS
 * preflight, which is never granted), a same-origin `Origin` and
 * `Sec-Fetch-Site` when the browser sends them, the path decoded once and
 * matched against the allow list. Only listed headers cross, either way.
 */
import { allowed } from './api-options.js';
import type { FetchApi } from './api.js';
import { AuthError, ERROR_CODES } from './errors.js';
import type { ProviderNamed } from './providers.js';
import { checkSameOrigin, readCapped } from './requests.js';

/** What the page may say to the provider; the token and the provider's own headers are added. */
const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since'];
/** What the page may hear back; never `Set-Cookie`, `Location` or anything naming the provider's internals. */
const ANSWER_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'link'];

const refuse = (status: number, description: string) =>
  new AuthError(ERROR_CODES.invalidRequest, description, { status });

/**
 * The path below `/api/{provider}/`, as the client sent it (`requestPath`), as segments: `%2F`,
 * `%5C` and a backslash are refused (they would change what a segment is), each segment decoded
 * once, `.` and empty ones dropped, `..` refused however it was written (`..`, `%2e%2e`, `.%2e`).
 * What is matched is what is forwarded: the provider's path is built from these segments alone.
 */
const segmentsOf = (raw: string): string[] => {
  if (/%2f|%5c|\\/i.test(raw)) throw refuse(400, 'The API path may not hold %2F, %5C or a backslash.');
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      throw refuse(400, 'The API path is not valid percent-encoding.');
    }
    if (segment == '..') throw refuse(400, 'The API path may not hold "..".');
    if (segment && segment != '.') segments.push(segment);
  }
  return segments;
};

export const apiProxy =
  ({ providerNamed, fetchApi, maxBody }: { providerNamed: ProviderNamed; fetchApi: FetchApi; maxBody: number }) =>
  /** `route` is what follows `/api/` in the path as sent (not URL-normalized): `{provider}/{path}`. */
  async (request: Request, route: string): Promise<Response> => {
    if (request.method == 'OPTIONS')
      throw refuse(405, 'The API proxy answers no preflight: call it from this site only.');
    checkSameOrigin(request, { originRequired: false });
    const site = request.headers.get('sec-fetch-site');
    if (site !== null && site != 'same-origin')
      throw refuse(403, `Cross-site request refused (Sec-Fetch-Site: ${site}).`);
    const slash = route.indexOf('/');
    const [id = ''] = segmentsOf(slash < 0 ? route : route.slice(0, slash));
    const provider = providerNamed(id);
    const allow = provider.api?.allow;
    if (!allow) throw new AuthError(ERROR_CODES.notFound, `No API proxy for ${provider.id}.`, { status: 404 });
    const segments = segmentsOf(slash < 0 ? '' : route.slice(slash + 1));
    if (!allowed(allow, request.method, segments))
      throw refuse(403, `${request.method} /${segments.join('/')} is not in providers.${provider.id}.api.allow.`);
    const headers = new Headers();
    for (const name of REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const hasBody = request.method != 'GET' && request.method != 'HEAD';
    // Read whole (capped), so that a retry after a refresh can send it again.
    const body = hasBody ? await readCapped(request, maxBody) : undefined;
    const path = segments.map(encodeURIComponent).join('/') + new URL(request.url).search;
    const { response, setCookie } = await fetchApi(request, provider.id, path, {
      method: request.method,
      headers,
      ...(body && { body }),
      signal: request.signal,
    });
    const answerHeaders = new Headers({ 'Cache-Control': 'no-store' });
    for (const name of ANSWER_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) answerHeaders.set(name, value);
    }
    for (const cookie of setCookie) answerHeaders.append('Set-Cookie', cookie);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: answerHeaders,
    });
  };
