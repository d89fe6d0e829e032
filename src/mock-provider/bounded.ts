/**
 * A store that never grows without end, for a mock that may run for days:
 * entries past their `expiresAt` are dropped, and past `limit` entries the
 * oldest go first (a Map keeps insertion order). `keep` marks entries that are
 * never evicted (the accounts the provider was started with).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  #sets = 0;
  constructor(
    private readonly limit: number,
    private readonly now: () => number,
    private readonly expiresAt: (value: V) => number | undefined = () => undefined,
    private readonly keep: (value: V) => boolean = () => false,
  ) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    // Sweeping every hundred writes keeps expired entries from piling up below the limit.
    if (++this.#sets % 100 == 0 || this.size > this.limit) this.prune();
    return this;
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    const expiry = value === undefined ? undefined : this.expiresAt(value);
    if (expiry !== undefined && expiry <= this.now() - GRACE_MS) {
      this.delete(key);
      return undefined;
    }
    return value;
  }

  /** Drops the expired entries, then the oldest until the store fits its limit. */
  prune(): void {
    const now = this.now();
    for (const [key, value] of this) {
      const expiry = this.expiresAt(value);
      if (expiry !== undefined && expiry <= now - GRACE_MS) this.delete(key);
    }
    for (const [key, value] of this) {
      if (this.size <= this.limit) break;
      if (!this.keep(value)) this.delete(key);
    }
  }
}

/**
 * Expired entries stay this long, so that the endpoints can still say
 * "expired" (rather than "unknown") right after the deadline.
 */
const GRACE_MS = 60 * 60 * 1000;
