import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_SCOPE, DEFAULT_SCOPES } from './defaults.js';
import type { Accounts } from './sessions.js';
import type { Grants } from './grants.js';
import type { HostCheck } from './hosts.js';
import type { Keys } from './keys.js';
import type { Knobs } from './knobs.js';
import type { Issuers } from './metadata.js';
import type { RequestLog } from './request-log.js';
import type { MockProviderOptions } from './types.js';

/**
 * What every part of one provider shares: its settings, its clock and its
 * stores. Each endpoint module takes it and returns its handlers, so the
 * provider is one object built from files of one concern each.
 */
export interface Context {
  options: MockProviderOptions;
  scopes: Record<string, string>;
  defaultScope: string;
  codeTtl: number;
  tokenTtl: number;
  refreshTtl: number;
  maxBody: number;
  /** The most codes, tokens, sessions or accounts each store holds. */
  maxEntries: number;
  log: (line: string) => void;
  /** The provider's clock: real time plus what `advanceClock` added. */
  now(): number;
  accounts: Accounts;
  grants: Grants;
  knobs: Knobs;
  hosts: HostCheck;
  issuers: Issuers;
  keys: Keys;
  requests: RequestLog;
}

export type Settings = Omit<
  Context,
  'accounts' | 'grants' | 'knobs' | 'hosts' | 'issuers' | 'keys' | 'requests' | 'now'
>;

export const settingsOf = (options: MockProviderOptions): Settings => {
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  return {
    options,
    scopes,
    defaultScope: options.defaultScope ?? (options.scopes ? (Object.keys(scopes)[0] ?? '') : DEFAULT_SCOPE),
    codeTtl: options.codeTtlSeconds ?? 600,
    tokenTtl: options.tokenTtlSeconds ?? 3600,
    refreshTtl: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    maxBody: options.maxBodyBytes ?? 16 * 1024,
    maxEntries: options.maxEntries ?? 10_000,
    log: options.log ?? (() => {}),
  };
};

export const random = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
export const sha256 = (text: string) => createHash('sha256').update(text).digest();
/** Compares secrets in constant time, whatever their lengths. */
export const safeEqual = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
