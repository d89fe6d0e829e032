/**
 * Sealing: a value encrypted and authenticated as a compact JWE (`dir` +
 * `A256GCM`) under a key derived from the partner's secret by HKDF. With a list
 * of secrets the first seals and all open, so a secret rotates without signing
 * anyone out. Each seal names its key by an id (derived from the derived key by
 * HKDF with its own `info`, so it says nothing of the secret) and carries the
 * format version; a first-release seal, without either, is opened by trying
 * every key until it expires.
 */
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, base64url } from 'jose';

/** The seal format this release writes: 2 = key id + version in the protected header. */
export const SEAL_FORMAT = 2;

export interface SealKey {
  id: string;
  key: Uint8Array;
}

/** Derived keys, newest first. */
export interface Keys {
  keys: Promise<SealKey[]>;
}

const encoder = new TextEncoder();

/**
 * A secret a person typed, or one repeated pattern, can be guessed offline from
 * any cookie; 32 random bytes cannot. The rule refuses the obvious ones and
 * never those (a test draws 10,000 of each `openssl rand` format).
 */
export const weakSecretReason = (secret: unknown): string | undefined => {
  if (typeof secret != 'string') return 'it is not a string';
  if (secret.length < 32) return `it has ${secret.length} characters, fewer than 32`;
  if (new Set(secret).size < 8) return 'it has fewer than 8 distinct characters';
  // A string is one substring repeated exactly when it occurs again inside itself doubled.
  if ((secret + secret).indexOf(secret, 1) < secret.length) return 'it is one substring repeated';
  return undefined;
};

const hkdf = async (material: Uint8Array, info: string, bits: number) => {
  const key = await crypto.subtle.importKey('raw', material as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveBits']);
  const derived = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('oauth-connect'), info: encoder.encode(info) },
    key,
    bits,
  );
  return new Uint8Array(derived);
};

/** Throws a TypeError that says what to do when a secret is missing or weak. */
export const deriveKeys = (secret: string | string[] | undefined): Keys => {
  const secrets = typeof secret == 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (!secrets.length)
    throw new TypeError(
      'oauth-connect/server: createAuthHandler needs a secret: 32 random bytes, e.g. the output of `openssl rand -base64 32`, from your configuration (never in the code).',
    );
  secrets.forEach((value, index) => {
    const reason = weakSecretReason(value);
    if (reason)
      throw new TypeError(
        `oauth-connect/server: secret${secrets.length > 1 ? `[${index}]` : ''} is too weak (${reason}). Use 32 random bytes, e.g. the output of \`openssl rand -base64 32\`.`,
      );
  });
  return {
    keys: Promise.all(
      secrets.map(async (value) => {
        // The first release's derivation: its seals still open under the same key.
        const key = await hkdf(encoder.encode(value), 'session A256GCM', 256);
        const id = base64url.encode(await hkdf(key, 'oauth-connect seal key id', 64));
        return { id, key };
      }),
    ),
  };
};

/** Seals a value until `expiresAt` (epoch ms); `purpose` goes in the protected header so a flow never opens as a session. */
export const seal = async (keys: Keys, purpose: string, value: unknown, expiresAt: number): Promise<string> => {
  const [newest] = await keys.keys;
  if (!newest) throw new TypeError('oauth-connect/server: no key to seal with.');
  const payload = encoder.encode(JSON.stringify({ v: value, exp: Math.floor(expiresAt / 1000) }));
  return new CompactEncrypt(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: purpose, kid: newest.id, ver: SEAL_FORMAT })
    .encrypt(newest.key);
};

export interface Opened {
  value: unknown;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Opens a sealed value; `undefined` when no key opens it, it expired, it is for another purpose or a
 * newer format. `unreadable` is told when it is a seal of ours for `purpose` that none of the keys
 * opens: made with another secret (an instance configured differently), not merely expired.
 */
export const unseal = async (
  keys: Keys,
  purpose: string,
  sealed: string | undefined,
  unreadable?: () => void,
): Promise<Opened | undefined> => {
  if (!sealed) return undefined;
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(sealed);
  } catch {
    return undefined;
  }
  if (header.cty != purpose || (typeof header.ver == 'number' && header.ver > SEAL_FORMAT)) return undefined;
  const all = await keys.keys;
  const candidates = header.kid === undefined ? all : all.filter(({ id }) => id == header.kid);
  for (const { key } of candidates) {
    try {
      const { plaintext } = await compactDecrypt(sealed, key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const { v, exp } = JSON.parse(new TextDecoder().decode(plaintext)) as { v: unknown; exp: number };
      return exp * 1000 > Date.now() ? { value: v, expiresAt: exp * 1000 } : undefined;
    } catch {
      // Another key (a first-release seal), or not ours at all.
    }
  }
  unreadable?.();
  return undefined;
};
