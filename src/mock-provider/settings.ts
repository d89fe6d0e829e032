import { randomBytes } from 'node:crypto';
import { DEFAULT_SCOPE, DEFAULT_SCOPES } from './defaults.js';
import { profileOf, type MockProfile } from './profiles.js';
import type { MockProviderOptions } from './types.js';

/**
 * The provider's settings, read once from its options with their defaults.
 * The stores are built from these alone, so this file imports none of them
 * (`context.ts` joins settings and stores).
 */
export interface Settings {
  options: MockProviderOptions;
  /** The provider the mock plays, if any (`options.profile`). */
  profile: MockProfile | undefined;
  scopes: Record<string, string>;
  defaultScope: string;
  codeTtl: number;
  tokenTtl: number;
  refreshTtl: number;
  maxBody: number;
  /** The most codes, tokens, sessions or accounts each store holds. */
  maxEntries: number;
  log: (line: string) => void;
}

export const settingsOf = (options: MockProviderOptions): Settings => {
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const profile = profileOf(options.profile);
  return {
    options,
    profile,
    scopes,
    defaultScope: options.defaultScope ?? (options.scopes ? (Object.keys(scopes)[0] ?? '') : DEFAULT_SCOPE),
    codeTtl: options.codeTtlSeconds ?? 600,
    tokenTtl: options.tokenTtlSeconds ?? profile?.tokenTtlSeconds ?? 3600,
    refreshTtl: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    maxBody: options.maxBodyBytes ?? 16 * 1024,
    maxEntries: options.maxEntries ?? 10_000,
    log: options.log ?? (() => {}),
  };
};

/** A fresh unguessable value (a code, a token, a session id): 24 random bytes, base64url. */
export const random = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
