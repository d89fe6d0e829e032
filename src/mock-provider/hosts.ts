import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { MockProviderOptions } from './types.js';

/**
 * Which `Host` names the provider answers to. A DNS-rebinding page reaches a
 * local server under the attacker's own name (`evil.example` resolving to
 * 127.0.0.1), so any name is refused except the loopback names, IP addresses
 * (which no rebinding can forge), the host of the configured issuer, and
 * `allowedHosts` (as Vite's `server.allowedHosts` does).
 */
export interface HostCheck {
  /** The host name of a `Host` header when it is served, else undefined. */
  allowed(host: string | undefined): boolean;
  /** Whether an `Origin` header names the provider itself. */
  ownOrigin(req: IncomingMessage, origin: string): boolean;
}

const hostnameOf = (host: string): string | undefined => {
  try {
    const url = new URL(`http://${host}`);
    // `Host: a@b`, `Host: a/b` or `Host: a?b` is no host name.
    const plain = !url.username && !url.password && url.pathname == '/' && !url.search && !url.hash;
    return plain && !host.includes('@') ? url.hostname.replace(/^\[(.*)\]$/, '$1') : undefined;
  } catch {
    return undefined;
  }
};

export const createHostCheck = (options: MockProviderOptions): HostCheck => {
  const names = (options.allowedHosts ?? []).map((name) => name.toLowerCase());
  const issuer = options.issuer ? new URL(options.issuer) : undefined;
  if (issuer) names.push(issuer.hostname.replace(/^\[(.*)\]$/, '$1'));
  return {
    allowed: (host) => {
      const name = host === undefined ? undefined : hostnameOf(host);
      if (!name) return false;
      if (name == 'localhost' || name.endsWith('.localhost') || isIP(name)) return true;
      // A leading dot allows the name and its subdomains.
      return names.some(
        (entry) => entry == name || (entry.startsWith('.') && (name.endsWith(entry) || `.${name}` == entry)),
      );
    },
    ownOrigin: (req, origin) =>
      origin == `http://${req.headers.host}` || origin == `https://${req.headers.host}` || origin == issuer?.origin,
  };
};
