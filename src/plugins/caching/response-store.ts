/**
 * The response cache's in-memory store: an LRU capped by bytes whose entries are their JSON text,
 * so a hit sends the text Yoga wrote for the first answer. The text is sent only while the
 * answer is unchanged; a plugin that adds to it gets a fresh JSON.stringify. It is
 * @envelop/response-cache's `Cache`, so a replica-shared store (src/redis/response-store.ts) can
 * stand in front of it.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { stringSize } from '../../ecr/guard/heap-size';

/** On a result handed to `Cache.set`: its `{"data":...}` text, already written once for the client. */
export const TEXT = Symbol('responseText');

export type Result = ExecutionResult & { [TEXT]?: string; stringify?: (value: ExecutionResult) => string };
export type HttpExtension = { http?: { headers?: Record<string, string> } };

/** Whether Yoga's serialized `value` is the answer's data alone (Yoga has already taken `http` out). */
export const isPlain = (value: ExecutionResult, data: unknown): boolean =>
  value.data === data && !value.errors && (!value.extensions || Object.keys(value.extensions).length === 0);

/** What is kept of an answer: its text alone; its data is parsed back from it only if read. */
interface Entry {
  text: string;
  http: HttpExtension['http'];
}

/** lru-cache's own slots for one entry, and the `http` headers object (an ETag, a date). */
const ENTRY_BYTES = 160 + 400;

/**
 * A stored answer's data, parsed from its text only when something reads it: a plain hit sends the
 * text and never parses it (the result is spread and passed along, which reads no property).
 */
function lazyData(text: string): NonNullable<ExecutionResult['data']> {
  let parsed: Record<string, unknown> | undefined;
  const data = (): Record<string, unknown> => {
    parsed ??= (JSON.parse(text) as { data: Record<string, unknown> }).data;
    return parsed;
  };
  return new Proxy<Record<string, unknown>>(
    {},
    {
      get: (_target, key) => Reflect.get(data(), key),
      has: (_target, key) => Reflect.has(data(), key),
      ownKeys: () => Reflect.ownKeys(data()),
      getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(data(), key),
      set: (_target, key, value) => Reflect.set(data(), key, value),
      deleteProperty: (_target, key) => Reflect.deleteProperty(data(), key),
      defineProperty: (_target, key, descriptor) => Reflect.defineProperty(data(), key, descriptor),
    },
  );
}

/**
 * Keeps the text only, so the cap is what the store holds (keeping the data tree too took about
 * three times the cap: graphql-js builds results of prototype-less objects, 280 bytes for four
 * fields). What a hit sends is the text itself whenever the answer is unchanged.
 */
export function createResponseStore(maxBytes: number, defaultTtlMs: number): Cache {
  const entries = new LRUCache<string, Entry>({ maxSize: maxBytes });
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const data = lazyData(entry.text);
      const result: Result = {
        data,
        ...(entry.http ? { extensions: { http: entry.http } } : {}),
        stringify: (value) => (isPlain(value, data) ? entry.text : JSON.stringify(value)),
      };
      return result;
    },
    set(key, result: Result, _entities, ttl) {
      if (result.errors?.length || !result.data) return;
      const text = result[TEXT] ?? JSON.stringify({ data: result.data });
      const size = stringSize(text) + stringSize(key) + ENTRY_BYTES;
      if (size > maxBytes) return;
      const http = (result.extensions as HttpExtension | undefined)?.http;
      entries.set(key, { text, http }, { ttl: Number.isFinite(ttl) && ttl > 0 ? ttl : defaultTtlMs, size });
    },
    // Called for mutations only, and this API has none: forgetting everything is always safe.
    invalidate: () => entries.clear(),
  };
}
