/**
 * Where sessions live when not in the cookie itself. The interface is what a
 * shared store across processes (Redis) can offer: keyed values with a TTL,
 * and a lock with a timeout so that one refresh runs at a time per session.
 */

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
}

/** Who signed in, as the page may see it (no tokens). */
export interface Account {
  id: string;
  name: string;
  email?: string;
  picture?: string;
}

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
}

/**
 * An in-process store, for development and single-process servers: sessions
 * end with the process and are not shared between processes.
 */
export const memoryStore = (): SessionStore => {
  const sessions = new Map<string, { data: string; expires: number }>();
  const locks = new Map<string, { expires: number; token: object }>();
  const sweep = () => {
    const now = Date.now();
    for (const [id, entry] of sessions) if (entry.expires <= now) sessions.delete(id);
  };
  return {
    async get(id) {
      sweep();
      const entry = sessions.get(id);
      // A copy, as a remote store would give: callers may change what they got.
      return entry && (JSON.parse(entry.data) as SessionData);
    },
    async set(id, data, ttlSeconds) {
      sessions.set(id, { data: JSON.stringify(data), expires: Date.now() + ttlSeconds * 1000 });
    },
    async delete(id) {
      sessions.delete(id);
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
