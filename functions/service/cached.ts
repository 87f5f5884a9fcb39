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
  /** A value already cached, without loading. */
  peek(key: string): V | undefined;
  clear(): void;
}

/**
 * An async memo over an LRU: concurrent requests for one key share one load (no stampede after a cold
 * start), failures are not cached, and entries keyed by content versions never go stale.
 */
export function asyncCache<V extends {}>(options: CacheOptions): AsyncCache<V> {
  const lruOptions: LRUCache.Options<string, V, () => Promise<V>> = {
    max: options.max ?? 0,
    fetchMethod: (_key, _stale, { context }) => context(),
  } as LRUCache.Options<string, V, () => Promise<V>>;
  if (options.maxSize) {
    Object.assign(lruOptions, {
      maxSize: options.maxSize,
      sizeCalculation: (v: V) => Math.max(1, options.size?.(v) ?? 1),
    });
  }
  if (options.ttl) Object.assign(lruOptions, { ttl: options.ttl });
  const cache = new LRUCache<string, V, () => Promise<V>>(lruOptions);
  return {
    async get(key, load) {
      const value = await cache.fetch(key, { context: load });
      if (value === undefined) throw new Error(`cache load for ${key} returned nothing`);
      return value;
    },
    peek: (key) => cache.get(key),
    clear: () => cache.clear(),
  };
}
