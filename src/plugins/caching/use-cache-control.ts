/**
 * Cache-Control for GraphQL answers (README "HTTP caching"), so that a CDN or browser may keep a
 * GET query's answer for the upstream TTL:
 * - a GET query answered without errors and sent without credentials: `public, max-age=<TTL s>,
 *   stale-while-revalidate=<same>`; with an Authorization or Cookie header: `private`, same ages;
 * - anything else (errors, POST, mutations, subscriptions, streams): `no-store`, refusals made
 *   before the parameters are read included, and any other answer that sets no Cache-Control;
 * - UPSTREAM_CACHE_TTL_MS=0 means "every answer fresh", so `no-store` for all: a shared cache
 *   keeping an answer, even to revalidate it, would contradict the operator's choice.
 * `Vary` gets Accept and Authorization (compression adds Accept-Encoding after). The ETag and 304
 * come from the response cache (use-response-cache.ts).
 */
import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { addVary } from '../request/use-cors';
import { servedFromResponseCache } from './use-response-cache';

export function useCacheControl(ttlMs: number): Plugin {
  const seconds = Math.floor(ttlMs / 1000);
  const graphql = new WeakSet<Request>();
  const queries = new WeakSet<Request>();
  const clean = new WeakSet<Request>();
  return {
    onParams({ request }) {
      graphql.add(request);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      if (request && operation?.operation === 'query') queries.add(request);
    },
    onExecutionResult({ request, result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as { errors?: readonly unknown[] };
      // A response-cache hit is a stored query answer, and only clean ones are stored.
      if (servedFromResponseCache(result)) queries.add(request);
      if (!single.errors?.length) clean.add(request);
    },
    onResponse({ request, response }) {
      if (!graphql.has(request)) {
        // Refused before the GraphQL parameters were read (body too large, not JSON, wrong method
        // or content type, a client over its budget), or no GraphQL at all: never stored by a CDN
        // (404 and 405 are heuristically cacheable), unless the answer says otherwise itself.
        if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
        return;
      }
      addVary(response.headers, 'Accept');
      addVary(response.headers, 'Authorization');
      const cacheable =
        seconds > 0 && request.method === 'GET' && queries.has(request) && clean.has(request) && response.status < 400;
      if (!cacheable) {
        response.headers.set('cache-control', 'no-store');
        return;
      }
      const scope = request.headers.has('authorization') || request.headers.has('cookie') ? 'private' : 'public';
      response.headers.set('cache-control', `${scope}, max-age=${seconds}, stale-while-revalidate=${seconds}`);
    },
  };
}
