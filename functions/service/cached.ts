import { LRUCache } from 'lru-cache';

export interface CacheOptions {
  /** Most entries kept. */
  max?: number;
  /** Bound on the summed `size` of entries (bytes, for tiles). */
  maxSize?: number;
  size?: (value: unknown) => number;
  /** Milliseconds an entry stays fresh; omit for entries keyed by immutable versions. */
  ttl?: number;
}

export interface AsyncCache<V> {
  /** The value for `key`, loading it with `load` on a miss. Concurrent misses share one load. */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** A value already cached and fresh, without loading; marks it recently used. */
  peek(key: string): V | undefined;
  /** Entries held and the sum of their `size` (0 without a `maxSize`); loads in flight not counted. */
  stats(): { entries: number; size: number };
  clear(): void;
}

/**
 * An async memo over an LRU: concurrent requests for one key share one load (no stampede after a cold
 * start), failures are not cached, entries keyed by content versions never go stale, and an entry with a
 * time-to-live is still served after it expires if reloading it fails. With a `maxSize`, a value larger
 * than the whole bound is returned to every caller waiting for it but not kept.
 */
export function asyncCache<V extends {}>(options: CacheOptions): AsyncCache<V> {
  const failures = new Map<string, unknown>();
  const lruOptions: LRUCache.Options<string, V, () => Promise<V>> = {
    max: options.max ?? 0,
    // A load still in flight can be pushed out by the bound (a large value arriving, many loads at once):
    // its callers still get the value it loads, which is then not kept, instead of an "evicted" error.
    ignoreFetchAbort: true,
    fetchMethod: async (key, _stale, { context }) => {
      try {
        return await context();
      } catch (error) {
        // Kept so that a failure with no stale value to fall back on reaches the caller as itself.
        failures.set(key, error);
        throw error;
      }
    },
  } as LRUCache.Options<string, V, () => Promise<V>>;
  if (options.maxSize) {
    Object.assign(lruOptions, {
      maxSize: options.maxSize,
      // lru-cache wants a positive integer.
      sizeCalculation: (v: V) => Math.max(1, Math.ceil(options.size?.(v) ?? 1)),
    });
  }
  // When a refresh fails (DynamoDB or S3 throttled or down), keep serving what was known: metadata a few
  // seconds old beats a 503, and the next request tries again.
  if (options.ttl)
    Object.assign(lruOptions, {
      ttl: options.ttl,
      allowStaleOnFetchRejection: true,
      noDeleteOnFetchRejection: true,
    });
  const cache = new LRUCache<string, V, () => Promise<V>>(lruOptions);
  return {
    async get(key, load) {
      const value = await cache.fetch(key, { context: load });
      if (value === undefined) {
        const failure = failures.get(key);
        failures.delete(key);
        throw failure ?? new Error(`cache load for ${key} returned nothing`);
      }
      failures.delete(key);
      return value;
    },
    // A stale entry is kept: it is what a failed refresh falls back on.
    peek: (key) => cache.get(key, { noDeleteOnStaleGet: true }),
    stats: () => {
      let entries = 0;
      // Counts settled values only: a load in flight sits in the LRU as a promise until it resolves.
      for (const _ of cache.values()) entries++;
      return { entries, size: cache.calculatedSize };
    },
    clear: () => cache.clear(),
  };
}
