/**
 * Where registry content is kept between requests:
 *   ContentStore  digest-addressed manifests and blobs: immutable, so kept as long as they fit (an LRU
 *                 bounded by bytes, not by a TTL) and never fetched twice while kept;
 *   CacheStore    what a tag or a listing says now (tag -> digest, tags/list pages, referrers), for
 *                 UPSTREAM_CACHE_TTL_MS (the guard's own store, ecr/guard/stores.ts).
 * With REDIS_URL both are shared by every replica (src/redis/registry-content.ts).
 */
import { LRUCache } from 'lru-cache';

export interface StoredContent {
  mediaType: string;
  bytes: Buffer;
}

export interface ContentStore {
  /** This process's copy, synchronously. */
  getLocal(key: string): StoredContent | undefined;
  /** Another replica's copy; undefined when there is none or it cannot be read. */
  getShared(key: string): Promise<StoredContent | undefined>;
  /** Keeps it; resolves once shared (or given up on), never rejects. */
  set(key: string, value: StoredContent): Promise<void>;
}

/** The LRU's bookkeeping per entry, in bytes, beyond the content and its key. */
const ENTRY_BYTES = 200;

export function createMemoryContentStore(maxBytes: number): ContentStore {
  const lru = new LRUCache<string, StoredContent>({
    maxSize: Math.max(1, maxBytes),
    sizeCalculation: (value, key) => value.bytes.length + value.mediaType.length + key.length + ENTRY_BYTES,
  });
  return {
    getLocal: (key) => lru.get(key),
    getShared: async () => undefined,
    set: async (key, value) => {
      lru.set(key, value);
    },
  };
}
