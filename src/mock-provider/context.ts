import { createHash, timingSafeEqual } from 'node:crypto';
import type { Accounts } from './sessions.js';
import type { Grants } from './grants.js';
import type { HostCheck } from './hosts.js';
import type { Issuers } from './issuers.js';
import type { Keys } from './keys.js';
import type { Knobs } from './knobs.js';
import type { RequestLog } from './request-log.js';
import type { Settings } from './settings.js';

/**
 * What every part of one provider shares: its settings, its clock and its
 * stores. Each endpoint module takes it and returns its handlers, so the
 * provider is one object built from files of one concern each. The stores
 * themselves take `Settings` only: nothing this file names imports it back.
 */
export interface Context extends Settings {
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

export const sha256 = (text: string) => createHash('sha256').update(text).digest();
/** Compares secrets in constant time, whatever their lengths. */
export const safeEqual = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
