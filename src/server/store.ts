/**
 * Where sessions live when not in the cookie itself. The interface is what a
 * shared store across processes (Redis) can offer: keyed values with a TTL, a
 * lock with a timeout so that one refresh runs at a time per session, and
 * (optional, each) a versioned write, a once-only mark and an index by account.
 */
import type { Account } from '../protocol/bff.js';

export type { Account };

/** One provider's part of a session: who signed in, and the tokens that stay on the server. */
export interface SessionGrant {
  account: Account;
  tokens: {
    accessToken: string;
    tokenType: string;
    /** Epoch milliseconds. */
    expiresAt?: number;
    /** When getAccessToken refreshes: a little before expiresAt (epoch milliseconds). */
    refreshAt?: number;
    refreshToken?: string;
    idToken?: string;
    scope?: string;
  };
}

/** What a session knows about the user: one account per provider signed in with. */
export interface SessionData {
  grants: Record<string, SessionGrant>;
  /**
   * When the session ends (epoch milliseconds): `sessionTtl` after the latest
   * successful sign-in. A refresh or a logout never moves it.
   */
  expiresAt?: number;
  /** Incremented by each versioned write (stores only). */
  version?: number;
}

/** Removes one provider's grant (a logout, a refused refresh). */
export const dropGrant = (data: SessionData, provider: string): void => {
  data.grants = Object.fromEntries(Object.entries(data.grants).filter(([id]) => id != provider));
};

/** What a versioned write found: written, the session no longer exists, or it is at another version. */
export type VersionedWrite = 'ok' | 'gone' | 'changed';

/** A session store. Every method may reject; the handler answers that with `server_error` (HTTP 503). */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  /** Stores the session for `ttlSeconds` from now (the store forgets it after). */
  set(id: string, data: SessionData, ttlSeconds: number): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Takes the session's lock, waiting at most `waitMs` for it; the lock frees
   * itself after `ttlMs` (a process that died holding it blocks no one past
   * that). Resolves with the release function, or `undefined` when the wait ran out.
   */
  lock(id: string, options: { ttlMs: number; waitMs: number }): Promise<(() => Promise<void>) | undefined>;
  /**
   * Writes `data` only if the session still exists with `version` (atomically:
   * in Redis one script). Without it, a refresh that finishes after a logout or
   * `deleteUserSessions` writes the session back: last write wins.
   */
  setIfVersion?(id: string, data: SessionData, ttlSeconds: number, version: number): Promise<VersionedWrite>;
  /**
   * Marks `key` for `ttlSeconds`; true only for the first caller (Redis `SET NX`).
   * Without it, a sign-in's state is spent in this process only.
   */
  claimOnce?(key: string, ttlSeconds: number): Promise<boolean>;
  /** The ids of the sessions that hold `provider`'s grant for `accountId`; needed by `deleteUserSessions`. */
  sessionIds?(provider: string, accountId: string): Promise<string[]>;
}

/**
 * An in-process store, for development and single-process servers: sessions
 * end with the process and are not shared between processes.
 */
export const memoryStore = (): SessionStore => {
  const sessions = new Map<string, { data: string; expires: number }>();
  const locks = new Map<string, { expires: number; token: object }>();
  const claims = new Map<string, number>();
  const sweep = () => {
    const now = Date.now();
    for (const [id, entry] of sessions) if (entry.expires <= now) sessions.delete(id);
    for (const [key, expires] of claims) if (expires <= now) claims.delete(key);
  };
  // A copy, as a remote store would give: callers may change what they got.
  const read = (id: string) => {
    sweep();
    const entry = sessions.get(id);
    return entry && (JSON.parse(entry.data) as SessionData);
  };
  const write = (id: string, data: SessionData, ttlSeconds: number) =>
    sessions.set(id, { data: JSON.stringify(data), expires: Date.now() + ttlSeconds * 1000 });
  return {
    async get(id) {
      return read(id);
    },
    async set(id, data, ttlSeconds) {
      write(id, data, ttlSeconds);
    },
    async delete(id) {
      sessions.delete(id);
    },
    async setIfVersion(id, data, ttlSeconds, version) {
      // One synchronous step: nothing else runs between the check and the write.
      const stored = read(id);
      if (!stored) return 'gone';
      if ((stored.version ?? 0) != version) return 'changed';
      write(id, data, ttlSeconds);
      return 'ok';
    },
    async claimOnce(key, ttlSeconds) {
      sweep();
      if (claims.has(key)) return false;
      claims.set(key, Date.now() + ttlSeconds * 1000);
      return true;
    },
    async sessionIds(provider, accountId) {
      sweep();
      return [...sessions.keys()].filter((id) => read(id)?.grants[provider]?.account.id === accountId);
    },
    async lock(id, { ttlMs, waitMs }) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const held = locks.get(id);
        if (!held || held.expires <= Date.now()) {
          const token = {};
          locks.set(id, { expires: Date.now() + ttlMs, token });
          return async () => {
            if (locks.get(id)?.token === token) locks.delete(id);
          };
        }
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
};
