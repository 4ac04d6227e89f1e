/**
 * The state upstream.ts keeps, behind small interfaces so that one replica keeps it in memory and
 * many replicas share it through Redis (src/redis), selected in backend.ts:
 *   CacheStore   answers by call key, for UPSTREAM_CACHE_TTL_MS;
 *   Coalescer    one call per key across replicas (in-process coalescing stays in upstream.ts);
 *   RateLimiter  the AWS budget, UPSTREAM_MAX_RPS in any sliding second (rate-limit.ts).
 * Every implementation degrades instead of failing: a Redis store that cannot reach Redis answers
 * from its in-memory fallback, so no request fails because Redis did.
 */
import { LRUCache } from 'lru-cache';
import { heapSize, stringSize } from './heap-size';
import type { RateLimiter } from './rate-limit';

export type { RateLimiter } from './rate-limit';

export interface CacheStore {
  /** This process's copy, synchronously: the hot path, no I/O. */
  getLocal(key: string): object | undefined;
  /** A copy another replica stored; resolves undefined when there is none or it cannot be read. */
  getShared(key: string): Promise<object | undefined>;
  /** Stores an answer for the store's TTL, or `ttlMs` if shorter; resolves once shared (or given up on), never rejects. */
  set(key: string, value: object, ttlMs?: number): Promise<void>;
}

export interface Coalesced<T> {
  value: T;
  /** True when another replica made the call and this one only received its answer. */
  shared: boolean;
}

export interface Coalescer {
  /**
   * Runs `fetch` unless another replica is already running it for `key`; then waits for that
   * replica's answer (or error), and runs `fetch` itself if none comes before a deadline.
   */
  run<T extends object>(key: string, fetch: () => Promise<T>): Promise<Coalesced<T>>;
}

export interface UpstreamStores {
  /** Undefined: no cache (UPSTREAM_CACHE_TTL_MS=0). */
  cache: CacheStore | undefined;
  coalescer: Coalescer;
  limiter: RateLimiter;
}

export interface MemoryCacheOptions {
  ttlMs: number;
  /** Memory cap, by the heap the answers and their keys take (heap-size.ts). @default 64 MiB */
  maxBytes?: number;
}

/** The cache's own bookkeeping for one entry (lru-cache's slots, the Map entry), in bytes. */
const ENTRY_BYTES = 160;

/**
 * An LRU cache with a TTL, capped by the heap its entries take: the answers are kept as the SDK's
 * objects (every hit shares them, none parses), so each is sized by heap-size.ts, key included
 * (a by-id call's key holds up to 100 digests).
 */
export function createMemoryCache(options: MemoryCacheOptions): CacheStore {
  const lru = new LRUCache<string, object>({
    ttl: options.ttlMs,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (value, key) => heapSize(value) + stringSize(key) + ENTRY_BYTES,
  });
  return {
    getLocal: (key) => lru.get(key),
    getShared: async () => undefined,
    set: async (key, value, ttlMs) => {
      lru.set(key, value, ttlMs === undefined ? {} : { ttl: Math.min(ttlMs, options.ttlMs) });
    },
  };
}

/** One replica: nobody to share a call with (upstream.ts coalesces within the process). */
export const soloCoalescer: Coalescer = {
  run: async (_key, fetch) => ({ value: await fetch(), shared: false }),
};
