/**
 * oauth-connect/server/redis: sessions in Redis, shared by every process of a
 * partner's site. It takes the partner's own client (node-redis, the `redis`
 * package: maintained by Redis itself) and talks to it only through
 * `sendCommand`, so nothing of Redis is bundled and any client version with
 * that method fits.
 */
import type { SessionData, SessionStore, VersionedWrite } from './store.js';

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
  setIfVersion: NonNullable<SessionStore['setIfVersion']>;
  claimOnce: NonNullable<SessionStore['claimOnce']>;
  sessionIds: NonNullable<SessionStore['sessionIds']>;
  /**
   * Ends every session of the account with this `id` at `provider` (every
   * provider when left out), in every process at once, without revoking
   * anything: the handler's `deleteUserSessions` also revokes the tokens.
   * Resolves with the number of sessions deleted.
   */
  deleteUserSessions(accountId: string, provider?: string): Promise<number>;
}

/** Deletes the lock only if it is still ours (a lock that timed out may belong to another process now). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The versioned write in one step: written only if the session exists at the version read. */
const SET_IF_VERSION = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'gone' end
local ok, data = pcall(cjson.decode, raw)
local version = 0
if ok and type(data) == 'table' and type(data.version) == 'number' then version = data.version end
if version ~= tonumber(ARGV[3]) then return 'changed' end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 'ok'`;

/** `*`, `?`, `[` and `\\` are patterns in SCAN's MATCH. */
const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');

/** A client that emits events (node-redis does): what `keepAliveOnErrors` needs of it. */
interface EventedClient {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string): number;
}

/**
 * node-redis emits 'error' when Redis goes away, and an 'error' that nobody listens to ends the
 * process: every instance would exit when Redis restarts. When the partner attached no listener of
 * their own, one is attached here, logging the first error of each outage once (until 'ready').
 */
const keepAliveOnErrors = (client: RedisCommandClient) => {
  const evented = client as Partial<EventedClient>;
  if (typeof evented.on != 'function' || typeof evented.listenerCount != 'function') return;
  if (evented.listenerCount('error') > 0) return;
  let down = false;
  evented.on('error', (error) => {
    if (down) return;
    down = true;
    console.error(
      `oauth-connect/server/redis: Redis is unreachable (${error instanceof Error ? error.message : String(error)}); ` +
        'sessions answer 503 until it is back. Attach your own client.on("error", …) to log it your way.',
    );
  });
  evented.on('ready', () => {
    if (down) console.error('oauth-connect/server/redis: Redis is back.');
    down = false;
  });
};

export const redisStore = (client: RedisCommandClient, options: RedisStoreOptions = {}): RedisSessionStore => {
  keepAliveOnErrors(client);
  const prefix = options.prefix ?? 'oauth-connect:';
  const timeout = options.commandTimeout ?? 1000;
  const session = (id: string) => `${prefix}session:${id}`;
  /** The index by provider and account id (one account id may exist at two providers). */
  const grantIndex = (provider: string, accountId: string) =>
    `${prefix}grant:${encodeURIComponent(provider)}:${accountId}`;
  /** The first release's index, by account id alone: still read until its keys expire. */
  const legacyIndex = (accountId: string) => `${prefix}user:${accountId}`;
  const lockKey = (id: string) => `${prefix}lock:${id}`;
  const claimKey = (key: string) => `${prefix}once:${key}`;

  const send = (args: string[]): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer ${args[0]} within ${timeout} ms.`)), timeout);
    });
    return Promise.race([client.sendCommand(args), late]).finally(() => clearTimeout(timer));
  };
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item == 'string') : [];
  const seconds = (ttlSeconds: number) => String(Math.max(1, Math.ceil(ttlSeconds)));
  // An index entry lives as long as the newest session in it; a stale id in it is harmless (get finds nothing).
  const index = async (id: string, data: SessionData, ttl: string) => {
    for (const [provider, grant] of Object.entries(data.grants)) {
      await send(['SADD', grantIndex(provider, grant.account.id), id]);
      await send(['EXPIRE', grantIndex(provider, grant.account.id), ttl]);
    }
  };
  const get = async (id: string) => {
    const value = await send(['GET', session(id)]);
    return typeof value == 'string' ? (JSON.parse(value) as SessionData) : undefined;
  };

  return {
    get,
    async set(id, data, ttlSeconds) {
      const ttl = seconds(ttlSeconds);
      await send(['SET', session(id), JSON.stringify(data), 'EX', ttl]);
      await index(id, data, ttl);
    },
    async setIfVersion(id, data, ttlSeconds, version) {
      const ttl = seconds(ttlSeconds);
      const outcome = await send([
        'EVAL',
        SET_IF_VERSION,
        '1',
        session(id),
        JSON.stringify(data),
        ttl,
        String(version),
      ]);
      if (outcome != 'ok' && outcome != 'gone' && outcome != 'changed')
        throw new Error(`Redis answered the versioned write with ${String(outcome)}.`);
      if (outcome == 'ok') await index(id, data, ttl);
      return outcome as VersionedWrite;
    },
    async claimOnce(key, ttlSeconds) {
      return (await send(['SET', claimKey(key), '1', 'EX', seconds(ttlSeconds), 'NX'])) == 'OK';
    },
    async sessionIds(provider, accountId) {
      const ids = new Set([
        ...strings(await send(['SMEMBERS', grantIndex(provider, accountId)])),
        ...strings(await send(['SMEMBERS', legacyIndex(accountId)])),
      ]);
      const found: string[] = [];
      for (const id of ids) if ((await get(id))?.grants[provider]?.account.id === accountId) found.push(id);
      return found;
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
    async deleteUserSessions(accountId, provider) {
      const indexes = [legacyIndex(accountId)];
      if (provider !== undefined) indexes.push(grantIndex(provider, accountId));
      else {
        let cursor = '0';
        do {
          const [next, keys] = (await send([
            'SCAN',
            cursor,
            'MATCH',
            `${globEscape(prefix)}grant:*:${globEscape(accountId)}`,
            'COUNT',
            '1000',
          ])) as [string, unknown];
          cursor = next;
          // The pattern's `*` may span a colon: keep the keys whose provider part is one segment.
          indexes.push(
            ...strings(keys).filter((key) => !key.slice(`${prefix}grant:`.length, -accountId.length - 1).includes(':')),
          );
        } while (cursor != '0');
      }
      const ids = new Set<string>();
      for (const key of indexes) for (const id of strings(await send(['SMEMBERS', key]))) ids.add(id);
      if (ids.size) await send(['DEL', ...[...ids].map(session)]);
      await send(['DEL', ...indexes]);
      return ids.size;
    },
  };
};
