/**
 * The whole-response cache: an identical query, with the same variables and from the same client,
 * is answered from memory before it is parsed, with no execution and no upstream call. The
 * contract's UPSTREAM_CACHE_TTL_MS governs it too (0: off).
 *
 * - Scoped per client: the key includes the request's credentials (Authorization, Cookie,
 *   X-Api-Key by default), so one client's answer never goes to another. Requests without any
 *   share answers, as they share the gateway's own AWS identity.
 * - No older than the TTL: an answer is stored only when every upstream answer behind it was
 *   fresh (none came from the upstream or listing cache, whose age it cannot know); otherwise its
 *   data could live two TTLs.
 * - Only answers without errors are stored; introspection never is, nor an incremental answer
 *   (`@defer`/`@stream`, an async iterator): it is sent as it streams, never from here.
 * - `extensions.cost` is never stored. A request that asks for it (`x-include-cost: 1`) and is
 *   served from here gets a truthful one: no upstream calls, and `responseCache: true`.
 * - Serialized once: the JSON text Yoga writes for the first answer is what is stored, and what
 *   every hit sends. A miss pays no copy, no extra field and no extra serialization: unlike
 *   @graphql-yoga/plugin-response-cache, which adds `__typename` everywhere for entity
 *   invalidation (there are no mutations here) and copies the result to strip it again: walking
 *   10,000 images 1,000 at a time, all misses, cost about 465 ms of CPU with it, 360 without any
 *   response cache, and 360 with this one (in-process, upstream cache off).
 * - ETag and Last-Modified on stored answers; `If-None-Match` with a live one is answered 304,
 *   known from the params Yoga parsed (within REQUEST_MAX_BYTES, after authentication), never
 *   from a second read of the body.
 * - The store is @envelop/response-cache's `Cache` interface, so `share` can put a replica-shared
 *   one (REDIS_URL: src/redis/response-store.ts) in front of the in-memory one (response-store.ts).
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import { type DocumentNode, type ExecutionResult, getOperationAST, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../context';
import { asksForCost, cachedCostReport } from '../cost-report';
import { credentialsSession, keyOf } from './response-key';
import { createResponseStore, type HttpExtension, isPlain, type Result, TEXT } from './response-store';

export interface ResponseCacheOptions {
  /** Lifetime of a stored answer, ms (UPSTREAM_CACHE_TTL_MS). 0 turns the cache off. */
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
  /** Wraps the in-memory store, to share it between replicas (REDIS_URL: src/redis/response-store.ts). @default none */
  share?: (local: Cache) => Cache;
}

const FROM_CACHE = Symbol('servedFromResponseCache');

/** Whether a result is an answer this cache gave (the request log says so). */
export const servedFromResponseCache = (result: unknown): boolean =>
  typeof result === 'object' && result !== null && (result as Record<symbol, unknown>)[FROM_CACHE] === true;

const isIntrospection = (operation: OperationDefinitionNode): boolean =>
  operation.selectionSet.selections.some(
    (selection) =>
      selection.kind === Kind.FIELD && (selection.name.value === '__schema' || selection.name.value === '__type'),
  );

const etagOf = (request: Request): string | undefined =>
  request.headers.get('if-none-match')?.replace(/^(W\/)?"|"$/g, '');

/** Runs `then` on a value or a promise of it, without a microtask for a plain value. */
function after<T>(value: T | Promise<T>, then: (resolved: T) => void): void | Promise<void> {
  return value instanceof Promise ? value.then(then, () => undefined) : then(value);
}

/** The response cache and its cost reporting; no plugin at all when `ttlMs` is 0. */
export function useGatewayResponseCache(options: ResponseCacheOptions): Plugin[] {
  if (options.ttlMs <= 0) return [];
  const session = options.session ?? credentialsSession;
  const local = createResponseStore(options.maxBytes ?? 32 * 1024 * 1024, options.ttlMs);
  const cache = options.share ? options.share(local) : local;
  const keys = new WeakMap<Request, string>();
  const notModified = new WeakMap<Request, Record<string, string>>();

  const store = (key: string, data: ExecutionResult['data'], http: HttpExtension['http'], text?: string): void => {
    const result: Result = { data, extensions: { http }, ...(text === undefined ? {} : { [TEXT]: text }) };
    const stored = cache.set(key, result, [], options.ttlMs);
    if (stored instanceof Promise) stored.catch(() => undefined);
  };

  return [
    {
      onParams({ params, request, setResult }) {
        const key = keyOf(params, session(request));
        keys.set(request, key);
        return after(cache.get(key), (stored) => {
          if (!stored) return;
          setResult({ ...stored, [FROM_CACHE]: true } as ExecutionResult);
          // Only this request's own answer, for this query and these credentials, is "not
          // modified"; it is known from the parsed params, so the body was read once, within
          // REQUEST_MAX_BYTES and after authentication.
          const headers = (stored.extensions as HttpExtension | undefined)?.http?.headers;
          if (headers && etagOf(request) === key) notModified.set(request, headers);
        });
      },
      onResultProcess({ request, acceptableMediaTypes, setResultProcessor }) {
        const headers = notModified.get(request);
        if (!headers) return;
        setResultProcessor(
          (_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers }),
          acceptableMediaTypes[0] ?? 'application/json',
        );
      },
      onExecute({ args }) {
        const request = (args.contextValue as { request?: Request }).request;
        const key = request && keys.get(request);
        if (!key) return;
        const operation = getOperationAST(args.document as DocumentNode, args.operationName);
        if (operation?.operation !== 'query' || isIntrospection(operation)) return;
        return {
          onExecuteDone({ result, setResult }) {
            if (Symbol.asyncIterator in result || result.errors?.length || !result.data) return;
            // Built on an upstream answer of unknown age: not stored (see the module's doc).
            if ((args.contextValue as Partial<GatewayContext>).stats?.cacheHits) return;
            const { data } = result;
            const http = { headers: { etag: `"${key}"`, 'last-modified': new Date().toUTCString() } };
            setResult({
              ...result,
              extensions: { ...result.extensions, http },
              // Stored when Yoga writes it, as written; an answer that carries more than its data
              // (a cost asked for) has its data serialized apart for the store.
              stringify: (value: ExecutionResult) => {
                const text = JSON.stringify(value);
                store(key, data, http, isPlain(value, data) ? text : undefined);
                return text;
              },
            } as ExecutionResult);
          },
        };
      },
      onExecutionResult({ result, setResult, request }) {
        if (Array.isArray(result) || !(result as Record<symbol, unknown>)[FROM_CACHE]) return;
        if (!asksForCost(request, options.costAlways)) return;
        const served = result as ExecutionResult;
        setResult({ ...served, extensions: { ...served.extensions, cost: cachedCostReport() } });
      },
    },
  ];
}
