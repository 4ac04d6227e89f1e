/**
 * The registry's digest-addressed content shared by every replica: this process's LRU in front of
 * Redis. Content named by its digest never changes, so it is kept as long as Redis keeps it (a day,
 * and Redis' own `maxmemory` policy), not for the TTL. While Redis is down or slow it is simply the
 * memory store: a read that fails is a miss, a write that fails is skipped.
 */
import type { ContentStore, StoredContent } from '../registry/content-store';
import { createMemoryContentStore } from '../registry/content-store';
import { redisKey } from './codec';
import type { RedisLink } from './link';

const SHARED_FOR_MS = 86_400_000;

export function createRedisContentStore(link: RedisLink, options: { prefix: string; maxBytes: number }): ContentStore {
  const local = createMemoryContentStore(options.maxBytes);
  const keyOf = (key: string): string => redisKey(options.prefix, 'registry', key);
  return {
    getLocal: (key) => local.getLocal(key),
    async getShared(key) {
      if (!link.up()) return undefined;
      try {
        const [mediaType, bytes] = await link.attempt((redis) => redis.hmgetBuffer(keyOf(key), 'mediaType', 'bytes'));
        if (!mediaType || !bytes) return undefined;
        const value: StoredContent = { mediaType: mediaType.toString('utf8'), bytes };
        await local.set(key, value);
        return value;
      } catch {
        return undefined; // the link marked Redis down; this is a miss
      }
    },
    async set(key, value) {
      await local.set(key, value);
      if (!link.up()) return;
      await link
        .attempt((redis) =>
          redis
            .multi()
            .hset(keyOf(key), { mediaType: value.mediaType, bytes: value.bytes })
            .pexpire(keyOf(key), SHARED_FOR_MS)
            .exec(),
        )
        .catch(() => undefined);
    },
  };
}
