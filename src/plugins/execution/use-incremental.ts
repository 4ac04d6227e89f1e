/**
 * `@defer` and `@stream` (@graphql-yoga/plugin-defer-stream): the directives join the schema Yoga
 * serves, and a document using them is answered as incremental delivery, over multipart/mixed or
 * SSE, in the deferSpec=20220824 format Apollo Client reads (`{ data, hasNext }`, then
 * `{ incremental: [{ data | items, path }], hasNext }`). The initial payload leaves as soon as the
 * fields outside deferred fragments resolve; the deferred fields' upstream calls start at once.
 *
 * The limits apply unchanged: the cost estimate, graphql-armor's limits and the runtime budget see
 * deferred fields as any others (one context per request). graphql-jit compiles no such document
 * (jit-safe.ts: it would ignore the directives) and the response cache stores no incremental
 * answer (use-response-cache.ts stores only single results).
 */
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { type DocumentNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const useIncrementalDelivery = (): Plugin => useDeferStream() as Plugin;

const INCREMENTAL = new Set(['defer', 'stream']);

/** Whether a document asks for incremental delivery anywhere (`@defer` or `@stream`). */
export function usesIncremental(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (INCREMENTAL.has(node.name.value)) found = true;
    },
  });
  return found;
}
