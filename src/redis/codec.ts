/**
 * SDK answers to and from Redis strings. JSON alone would turn the SDK's `Date`s (imagePushedAt,
 * createdAt) into strings that the schema's DateTime then refuses, so dates travel tagged.
 * Keys are hashed: a by-id call's key holds up to 100 digests.
 */
import { createHash } from 'node:crypto';

const DATE = '$date';

export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded: unknown) {
    // `encoded` is already Date#toJSON's string; the holder still has the Date itself.
    const raw = this[key];
    return raw instanceof Date ? { [DATE]: raw.getTime() } : encoded;
  });
}

export function decode<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && DATE in value) {
      const time = (value as Record<string, unknown>)[DATE];
      if (typeof time === 'number' && Object.keys(value).length === 1) return new Date(time);
    }
    return value;
  }) as T;
}

/**
 * A short Redis key for a call key. The `{...}` is a Redis Cluster hash tag: every key of one call
 * (cache entry, lock, answer) lands in one slot, as the Lua scripts that touch several need.
 */
/** The shared cache entry of a call key; the coalescer reads it too (redis-coalescer.ts). */
export const cacheKeyOf = (prefix: string, key: string): string => redisKey(prefix, 'cache', key);

export function redisKey(prefix: string, kind: string, key: string): string {
  return `${prefix}${kind}:{${createHash('sha256').update(key).digest('base64url')}}`;
}
