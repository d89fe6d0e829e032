/** The parsed URL, or undefined for anything that is not one (never throws, whatever `url` is). */
export const parseUrl = (url: unknown, base?: string): URL | undefined => {
  try {
    return new URL(url as string, base);
  } catch {
    return undefined;
  }
};

/**
 * TLS everywhere (RFC 6749 §3.1) but on loopback, where the mock provider runs (RFC 8252 §8.3).
 * Decided on the parsed URL: a check of the text is fooled by `http://localhost:x@evil.example/`.
 */
export const isHttpsOrLoopback = ({ protocol, hostname }: URL): boolean =>
  protocol == 'https:' || (protocol == 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(hostname));
