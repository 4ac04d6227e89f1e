/**
 * The whole-response cache (@graphql-yoga/plugin-response-cache): an identical query, with the
 * same variables and from the same client, is answered from memory before it is parsed, with no
 * execution and no upstream call. The contract's UPSTREAM_CACHE_TTL_MS governs it too (0: off).
 *
 * - Scoped per client: the key includes the request's credentials (Authorization, Cookie,
 *   X-Api-Key by default), so one client's answer never goes to another. Requests without any
 *   share answers, as they share the gateway's own AWS identity.
 * - No older than the TTL: a response is stored only when every upstream answer behind it was
 *   fresh (none came from the upstream or listing cache, whose age it cannot know); otherwise its
 *   data could live two TTLs.
 * - Only answers without errors are stored; introspection never is.
 * - `extensions.cost` is never stored. A request that asks for it (`x-include-cost: 1`) and is
 *   served from here gets a truthful one: no upstream calls, and `responseCache: true`.
 * - Serialized once: a hit's JSON text is kept with it, so a hit costs a hash and a copy.
 *
 * Yoga also answers `If-None-Match` with 304 from here: stored answers carry ETag and Last-Modified.
 */
import { type Cache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';

export interface ResponseCacheOptions {
  /** Lifetime of a stored response, ms (UPSTREAM_CACHE_TTL_MS). 0 turns the cache off. */
  ttlMs: number;
  /** Memory cap, by the stored answers' JSON size (RESPONSE_CACHE_MAX_BYTES). @default 33554432 (32 MiB) */
  maxBytes?: number;
  /**
   * Who may share an answer: requests whose sessions differ never do. @default the values of the
   * Authorization, Cookie and X-Api-Key headers, or null (shared) when there are none
   */
  session?: (request: Request) => string | null;
  /** Send `extensions.cost` with every response, as useCostExtension does (NODE_ENV=development). */
  costAlways: boolean;
  /** Wraps the in-memory store, to share it between replicas (REDIS_URL: response-cache-redis.ts). @default none */
  share?: (local: Cache) => Cache;
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-api-key'];
/** How @graphql-yoga/plugin-response-cache marks an answer it served. */
const SERVED_FROM_CACHE = Symbol.for('servedFromResponseCache');

export function credentialsSession(request: Request): string | null {
  let session: string | null = null;
  for (const name of CREDENTIAL_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) session = `${session ?? ''}${name}:${value}\n`;
  }
  return session;
}

interface Stored extends ExecutionResult {
  /** Yoga serializes a result with its own `stringify` when it has one (graphql-jit does the same). */
  stringify(value: ExecutionResult): string;
}

/**
 * An LRU capped by bytes whose entries carry their JSON text. The text is used only while the
 * answer is unchanged (same data, no extensions left after Yoga strips `http`); a plugin that adds
 * to it gets a fresh JSON.stringify.
 */
export function createResponseStore(maxBytes: number, defaultTtlMs: number): Cache {
  const entries = new LRUCache<string, Stored>({ maxSize: maxBytes });
  return {
    get: (key) => entries.get(key),
    set(key, result, _entities, ttl) {
      if (result.errors?.length || !result.data) return;
      const { data } = result;
      const text = JSON.stringify({ data });
      const http = (result.extensions as { http?: unknown } | undefined)?.http;
      const stored: Stored = {
        data,
        // ETag and Last-Modified headers; the only extension kept (cost is per request).
        ...(http ? { extensions: { http } } : {}),
        stringify: (value) =>
          value.data === data && !value.errors && (!value.extensions || Object.keys(value.extensions).length === 0)
            ? text
            : JSON.stringify(value),
      };
      if (text.length > maxBytes) return;
      entries.set(key, stored, { ttl: Number.isFinite(ttl) && ttl > 0 ? ttl : defaultTtlMs, size: text.length });
    },
    // Called for mutations only, and this API has none: forgetting everything is always safe.
    invalidate: () => entries.clear(),
  };
}

function asksForCost(request: Request, always: boolean): boolean {
  if (always) return true;
  const asked = request.headers.get('x-include-cost');
  return asked === '1' || asked === 'true';
}

/** The response cache and its cost reporting; no plugin at all when `ttlMs` is 0. */
export function useGatewayResponseCache(options: ResponseCacheOptions): Plugin[] {
  if (options.ttlMs <= 0) return [];
  const session = options.session ?? credentialsSession;
  return [
    useResponseCache({
      session: (request) => session(request),
      cache: (options.share ?? ((local: Cache) => local))(
        createResponseStore(options.maxBytes ?? 32 * 1024 * 1024, options.ttlMs),
      ),
      ttl: options.ttlMs,
      // Ids are not needed: nothing invalidates by entity (no mutations), and computing them costs.
      idFields: [],
      includeExtensionMetadata: false,
      // Built on an upstream answer of unknown age: not stored (see the module's doc).
      onTtl: ({ ttl, context }) => ((context as Partial<GatewayContext>).stats?.cacheHits ? 0 : ttl),
    }),
    {
      onExecutionResult({ result, setResult, request }) {
        if (Array.isArray(result) || !(result as Record<symbol, unknown>)[SERVED_FROM_CACHE]) return;
        if (!asksForCost(request, options.costAlways)) return;
        const served = result as ExecutionResult;
        setResult({
          ...served,
          extensions: {
            ...served.extensions,
            cost: { upstreamCalls: {}, cacheHits: 0, coalesced: 0, retries: 0, responseCache: true },
          },
        });
      },
    },
  ];
}
