/**
 * The one place that decides the handler's cookies: their names and flags,
 * and how their content is sealed. A sealed value is a compact JWE
 * (`dir` + `A256GCM`: encrypted and authenticated) under a key derived from a
 * secret by HKDF; with a list of secrets the first seals and all open, so a
 * secret can be rotated without signing everyone out.
 */
import { CompactEncrypt, compactDecrypt } from 'jose';
import { isLoopback } from './http.js';

/** Browsers keep at most 4096 bytes per cookie, name and attributes included (RFC 6265 §6.1). */
export const MAX_COOKIE_BYTES = 4096;

export class SessionTooLargeError extends Error {
  override readonly name = 'SessionTooLargeError';
}

/** Derived keys, newest first. */
export interface Keys {
  keys: Promise<Uint8Array[]>;
}

const encoder = new TextEncoder();

export const deriveKeys = (secret: string | string[]): Keys => {
  const secrets = typeof secret == 'string' ? [secret] : secret;
  if (!secrets.length || secrets.some((value) => typeof value != 'string' || value.length < 32))
    throw new TypeError('oauth-connect/server: secret must be a string (or a list) of at least 32 characters.');
  return {
    keys: Promise.all(
      secrets.map(async (value) => {
        const material = await crypto.subtle.importKey('raw', encoder.encode(value), 'HKDF', false, ['deriveBits']);
        const bits = await crypto.subtle.deriveBits(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: encoder.encode('oauth-connect'),
            info: encoder.encode('session A256GCM'),
          },
          material,
          256,
        );
        return new Uint8Array(bits);
      }),
    ),
  };
};

/** Seals a value; `purpose` goes in the protected header so a flow cookie never opens as a session. */
export const seal = async (keys: Keys, purpose: string, value: unknown, ttlSeconds: number): Promise<string> => {
  const [key = new Uint8Array()] = await keys.keys;
  const payload = encoder.encode(JSON.stringify({ v: value, exp: Math.floor(Date.now() / 1000) + ttlSeconds }));
  return new CompactEncrypt(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: purpose }).encrypt(key);
};

/** Opens a sealed value with any of the keys; `undefined` when none opens it, or it expired, or it is for another purpose. */
export const unseal = async (keys: Keys, purpose: string, sealed: string | undefined): Promise<unknown> => {
  if (!sealed) return undefined;
  for (const key of await keys.keys) {
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(sealed, key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      if (protectedHeader.cty != purpose) return undefined;
      const { v, exp } = JSON.parse(new TextDecoder().decode(plaintext)) as { v: unknown; exp: number };
      return exp > Date.now() / 1000 ? v : undefined;
    } catch {
      // Another key, or not ours at all.
    }
  }
  return undefined;
};

/** The cookies of a request, by name. */
export const readCookies = (request: Request): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
};

/**
 * The flags every cookie of the handler gets. `__Host-` + Secure everywhere,
 * except plain http on localhost in development, where WebKit refuses Secure
 * cookies: there the same cookie without Secure and without the prefix.
 */
export const cookieJar = (request: Request, baseName: string) => {
  const url = new URL(request.url);
  const insecureDev = url.protocol == 'http:' && isLoopback(url);
  const name = (suffix: string) => `${insecureDev ? '' : '__Host-'}${baseName}${suffix}`;
  const attributes = `Path=/; HttpOnly; SameSite=Lax${insecureDev ? '' : '; Secure'}`;
  return {
    name,
    set(suffix: string, value: string, maxAgeSeconds: number) {
      const cookie = `${name(suffix)}=${value}; ${attributes}; Max-Age=${maxAgeSeconds}`;
      if (encoder.encode(cookie).byteLength > MAX_COOKIE_BYTES)
        throw new SessionTooLargeError(
          `The ${baseName}${suffix} cookie would be ${encoder.encode(cookie).byteLength} bytes sealed, more than the ${MAX_COOKIE_BYTES} a browser keeps: give createAuthHandler a store (memoryStore(), or a shared one) to keep the session on the server.`,
        );
      return cookie;
    },
    clear: (suffix: string) => `${name(suffix)}=; ${attributes}; Max-Age=0`,
  };
};
