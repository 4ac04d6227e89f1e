/**
 * The whole-response cache shared by every replica (REDIS_URL): @envelop/response-cache-redis
 * behind the in-memory store of response-cache.ts. A replica answers from its own memory first,
 * then from Redis; what it stores goes to both. Redis failing or slow is a miss and a skipped
 * write (within the link's command deadline), never a failed request.
 *
 * A shared hit is not copied into memory: the Redis store does not say how long the entry has
 * left, and a copy with a fresh TTL could outlive the contract's UPSTREAM_CACHE_TTL_MS.
 */
import { createRedisCache } from '@envelop/response-cache-redis';
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { RedisLink } from './link';

/** Only what response-cache.ts keeps: the data, and the ETag/Last-Modified `http` extension. */
function storable(result: ExecutionResult): ExecutionResult | undefined {
  if (result.errors?.length || !result.data) return undefined;
  const http = (result.extensions as { http?: unknown } | undefined)?.http;
  return { data: result.data, ...(http ? { extensions: { http } } : {}) };
}

export function createSharedResponseStore(link: RedisLink, local: Cache, keyPrefix: string): Cache {
  const shared = createRedisCache({ redis: link.prefixed(keyPrefix) });
  return {
    get(key) {
      // `local` is response-cache.ts's in-memory store: it answers synchronously.
      const hit = local.get(key);
      if (hit) return hit;
      if (!link.up()) return undefined;
      return link.attempt(async () => (await shared.get(key)) ?? undefined).catch(() => undefined);
    },
    set(key, result, entities, ttl) {
      const stored = local.set(key, result, entities, ttl);
      const entry = storable(result);
      if (entry && link.up()) {
        // Not awaited: a request never waits for the shared copy. No entities: nothing invalidates.
        link.attempt(async () => shared.set(key, entry, [], ttl)).catch(() => undefined);
      }
      return stored;
    },
    // Called for mutations only, and this API has none. Shared entries expire by their TTL.
    invalidate: (entities) => local.invalidate(entities),
  };
}
