/**
 * The upstream cache shared by every replica: a short-lived copy in this process's memory in
 * front of Redis (`SET ... PX ttl`). While Redis is down or slow it is simply the memory cache:
 * a read that fails is a miss, a write that fails is skipped, and neither delays a request by
 * more than the link's command timeout.
 */

import { type CacheStore, createMemoryCache, type MemoryCacheOptions } from '../ecr/guard/stores';
import { cacheKeyOf, decode, encode } from './codec';
import type { RedisLink } from './link';

export interface RedisCacheOptions extends MemoryCacheOptions {
  /** Prefix of every key this gateway writes (REDIS_KEY_PREFIX). */
  prefix: string;
}

export function createRedisCache(link: RedisLink, options: RedisCacheOptions): CacheStore {
  const local = createMemoryCache(options);
  const keyOf = (key: string): string => cacheKeyOf(options.prefix, key);

  return {
    getLocal: (key) => local.getLocal(key),
    async getShared(key) {
      if (!link.up()) return undefined;
      try {
        // The remaining lifetime too, so the local copy expires with the shared one.
        const replies = await link.attempt((redis) => redis.pipeline().get(keyOf(key)).pttl(keyOf(key)).exec());
        const [[getError, text] = [], [, ttl] = []] = replies ?? [];
        if (getError) throw getError;
        if (typeof text !== 'string') return undefined;
        const value = decode<object>(text);
        if (typeof ttl === 'number' && ttl > 0) await local.set(key, value, ttl);
        return value;
      } catch {
        return undefined; // the link marked Redis down; this is a miss
      }
    },
    async set(key, value) {
      await local.set(key, value);
      if (!link.up()) return;
      await link.attempt((redis) => redis.set(keyOf(key), encode(value), 'PX', options.ttlMs)).catch(() => undefined);
    },
  };
}
