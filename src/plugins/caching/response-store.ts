/**
 * The response cache's in-memory store: an LRU capped by bytes whose entries carry their JSON
 * text, so a hit sends the text Yoga wrote for the first answer. The text is sent only while the
 * answer is unchanged; a plugin that adds to it gets a fresh JSON.stringify. It is
 * @envelop/response-cache's `Cache`, so a replica-shared store (src/redis/response-store.ts) can
 * stand in front of it.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

/** On a result handed to `Cache.set`: its `{"data":...}` text, already written once for the client. */
export const TEXT = Symbol('responseText');

export type Result = ExecutionResult & { [TEXT]?: string; stringify?: (value: ExecutionResult) => string };
export type HttpExtension = { http?: { headers?: Record<string, string> } };

/** Whether Yoga's serialized `value` is the answer's data alone (Yoga has already taken `http` out). */
export const isPlain = (value: ExecutionResult, data: unknown): boolean =>
  value.data === data && !value.errors && (!value.extensions || Object.keys(value.extensions).length === 0);

export function createResponseStore(maxBytes: number, defaultTtlMs: number): Cache {
  const entries = new LRUCache<string, Result>({ maxSize: maxBytes });
  return {
    get: (key) => entries.get(key),
    set(key, result: Result, _entities, ttl) {
      if (result.errors?.length || !result.data) return;
      const { data } = result;
      const text = result[TEXT] ?? JSON.stringify({ data });
      if (text.length > maxBytes) return;
      const http = (result.extensions as HttpExtension | undefined)?.http;
      const stored: Result = {
        data,
        ...(http ? { extensions: { http } } : {}),
        stringify: (value) => (isPlain(value, data) ? text : JSON.stringify(value)),
      };
      entries.set(key, stored, { ttl: Number.isFinite(ttl) && ttl > 0 ? ttl : defaultTtlMs, size: text.length });
    },
    // Called for mutations only, and this API has none: forgetting everything is always safe.
    invalidate: () => entries.clear(),
  };
}
