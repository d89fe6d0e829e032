/**
 * A provider's `api` options, checked once at createAuthHandler: the base URL
 * (https), the hosts absolute URLs may name, the headers every call carries,
 * and the proxy's allow list, parsed into patterns.
 */
import { configuredUrl } from './http.js';
import type { ProviderApiOptions } from './profiles.js';

/** One allowed call of the proxy: a method and path segments, `*` standing for one segment. */
export interface AllowedCall {
  method: string;
  segments: string[];
}

/** A provider's API as fetchApi and the proxy use it. */
export interface ProviderApi {
  /** Ends with `/`, so a relative path resolves below it. */
  baseUrl: URL | undefined;
  headers: Record<string, string>;
  /** `host[:port]` as `URL.host` writes it. */
  hosts: string[];
  /** The proxy's allow list; undefined: the proxy is off for this provider. */
  allow: AllowedCall[] | undefined;
}

const METHOD = /^[A-Z]+$/;

const parseAllow = (entry: unknown, name: string): AllowedCall => {
  const [method = '', path = '', ...rest] = typeof entry == 'string' ? entry.trim().split(/\s+/) : [];
  const segments = path.split('/').slice(1);
  if (!METHOD.test(method) || !path.startsWith('/') || rest.length || segments.some((segment) => !segment))
    throw new TypeError(
      `oauth-connect/server: ${name}.api.allow has ${JSON.stringify(entry)}: write each entry as "METHOD /path", e.g. "GET /users/*/orders" (* is one segment).`,
    );
  if (method == 'OPTIONS')
    throw new TypeError(
      `oauth-connect/server: ${name}.api.allow cannot allow OPTIONS: the proxy never answers a preflight.`,
    );
  if (segments.some((segment) => segment == '.' || segment == '..' || /%|\\/.test(segment)))
    throw new TypeError(
      `oauth-connect/server: ${name}.api.allow has ${JSON.stringify(entry)}: a path with ".", "..", "%" or "\\" cannot match.`,
    );
  return { method, segments };
};

export const apiOf = (api: ProviderApiOptions | undefined, name: string): ProviderApi | undefined => {
  if (api === undefined) return undefined;
  if (!api || typeof api != 'object') throw new TypeError(`oauth-connect/server: ${name}.api must be an object.`);
  const baseUrl = api.baseUrl === undefined ? undefined : configuredUrl(api.baseUrl, `${name}.api.baseUrl`);
  if (baseUrl && !baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  if (
    api.hosts !== undefined &&
    (!Array.isArray(api.hosts) || api.hosts.some((host) => typeof host != 'string' || !/^[^/\s@]+$/.test(host)))
  )
    throw new TypeError(
      `oauth-connect/server: ${name}.api.hosts must be a list of host names (with a port if not 443), e.g. ["api.ulule.com"], not URLs.`,
    );
  const hosts = (api.hosts ?? (baseUrl ? [baseUrl.host] : [])).map((host) => host.toLowerCase());
  let headers: Record<string, string>;
  try {
    headers = Object.fromEntries(new Headers(api.headers));
  } catch (cause) {
    throw new TypeError(`oauth-connect/server: ${name}.api.headers must map header names to string values.`, {
      cause,
    });
  }
  if ('authorization' in headers || 'cookie' in headers)
    throw new TypeError(
      `oauth-connect/server: ${name}.api.headers cannot set Authorization or Cookie: the access token is added per call.`,
    );
  if (api.allow !== undefined && !Array.isArray(api.allow))
    throw new TypeError(`oauth-connect/server: ${name}.api.allow must be a list such as ["GET /me"].`);
  const allow = api.allow?.map((entry) => parseAllow(entry, name));
  if (allow && !baseUrl)
    throw new TypeError(
      `oauth-connect/server: ${name}.api.allow needs ${name}.api.baseUrl (or a profile) to know where the calls go.`,
    );
  return { baseUrl, headers, hosts, allow };
};

/** Whether a call (method and decoded, normalized segments) is on the allow list. */
export const allowed = (allow: AllowedCall[], method: string, segments: string[]): boolean =>
  allow.some(
    (entry) =>
      entry.method == method &&
      entry.segments.length == segments.length &&
      entry.segments.every((segment, index) => segment == '*' || segment == segments[index]),
  );
