/**
 * oauth-connect/server/redis: sessions in Redis, shared by every process of a
 * partner's site. It takes the partner's own client (node-redis, the `redis`
 * package: maintained by Redis itself) and talks to it only through
 * `sendCommand`, so nothing of Redis is bundled and any client version with
 * that method fits.
 */
import type { SessionData, SessionStore } from './store.js';

/** What redisStore needs of a client: node-redis's `sendCommand`. */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Prefix of every key. Default `oauth-connect:`. */
  prefix?: string;
  /**
   * Milliseconds a command may take before the request fails with
   * `server_error` instead of hanging. Default 1000. Create the client with
   * `disableOfflineQueue: true` so that a Redis that is down fails at once.
   */
  commandTimeout?: number;
}

export interface RedisSessionStore extends SessionStore {
  /** Ends every session of the account with this `id` (after a password change, say), in every process at once. */
  deleteUserSessions(accountId: string): Promise<number>;
}

/** Deletes the lock only if it is still ours (a lock that timed out may belong to another process now). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export const redisStore = (client: RedisCommandClient, options: RedisStoreOptions = {}): RedisSessionStore => {
  const prefix = options.prefix ?? 'oauth-connect:';
  const timeout = options.commandTimeout ?? 1000;
  const session = (id: string) => `${prefix}session:${id}`;
  const user = (id: string) => `${prefix}user:${id}`;
  const lockKey = (id: string) => `${prefix}lock:${id}`;

  const send = (args: string[]): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer ${args[0]} within ${timeout} ms.`)), timeout);
    });
    return Promise.race([client.sendCommand(args), late]).finally(() => clearTimeout(timer));
  };

  return {
    async get(id) {
      const value = await send(['GET', session(id)]);
      return typeof value == 'string' ? (JSON.parse(value) as SessionData) : undefined;
    },
    async set(id, data, ttlSeconds) {
      const ttl = String(Math.max(1, Math.ceil(ttlSeconds)));
      await send(['SET', session(id), JSON.stringify(data), 'EX', ttl]);
      // An index by account id, for deleteUserSessions; it lives as long as the newest session in it.
      for (const accountId of new Set(Object.values(data.grants).map((grant) => grant.account.id))) {
        await send(['SADD', user(accountId), id]);
        await send(['EXPIRE', user(accountId), ttl]);
      }
    },
    async delete(id) {
      await send(['DEL', session(id)]);
    },
    async lock(id, { ttlMs, waitMs }) {
      const token = crypto.randomUUID();
      const deadline = Date.now() + waitMs;
      for (;;) {
        if ((await send(['SET', lockKey(id), token, 'PX', String(ttlMs), 'NX'])) == 'OK')
          return async () => {
            await send(['EVAL', RELEASE, '1', lockKey(id), token]);
          };
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async deleteUserSessions(accountId) {
      const ids = await send(['SMEMBERS', user(accountId)]);
      const list = Array.isArray(ids) ? ids.filter((item): item is string => typeof item == 'string') : [];
      if (list.length) await send(['DEL', ...list.map(session)]);
      await send(['DEL', user(accountId)]);
      return list.length;
    },
  };
};
