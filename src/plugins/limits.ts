/**
 * What a hostile request meets before it can cost anything upstream: body size and media type at
 * the HTTP layer, graphql-armor's depth, alias, token, directive and length limits at parse and
 * validation, field suggestions masked, and the upstream cost limit before execution.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { characterLimitPlugin } from '@escape.tech/graphql-armor-character-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import { useQueryCost } from './query-cost';

export interface QueryLimits {
  /** Deepest selection; router `_entities` queries and GraphiQL's introspection pass 15. @default 15 */
  maxDepth: number;
  /** @default 250 */
  maxAliases: number;
  /** @default 10000 */
  maxTokens: number;
  /** @default 50 */
  maxDirectives: number;
  /** Characters of one query document. @default 100000 */
  maxQueryLength: number;
  /** Estimated ECR Public calls of one operation (plugins/query-cost.ts). @default 1000 */
  maxCost: number;
  /** Bytes of one request body. @default 1048576 */
  maxBodyBytes: number;
}

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

function json(status: number, message: string, code: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * HTTP checks. A POST must be JSON: browsers cannot send JSON cross-site without a CORS preflight,
 * so no page can make a visitor's browser run an operation here (CSRF), and form or multipart
 * bodies never reach the parser. GET stays open for queries, as GraphQL over HTTP has it; Yoga
 * never runs a mutation from a GET, and this API has none.
 */
function useHttpLimits(maxBodyBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!JSON_TYPES.includes(type)) {
        endResponse(json(415, 'POST bodies must be application/json', 'BAD_REQUEST'));
        return;
      }
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBodyBytes) {
        endResponse(json(413, `Request body is larger than ${maxBodyBytes} bytes`, 'BAD_REQUEST'));
      }
    },
  };
}

export function useQueryLimits(limits: QueryLimits): Plugin[] {
  return [
    useHttpLimits(limits.maxBodyBytes),
    maxTokensPlugin({ n: limits.maxTokens }),
    // After max-tokens, whose parser would otherwise replace this check's: it wraps that parser.
    characterLimitPlugin({ maxLength: limits.maxQueryLength }),
    // Introspection counts too, so deep `ofType` nesting is refused; GraphiQL's own query is 13 deep.
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    blockFieldSuggestionsPlugin(),
    useQueryCost({ maxCost: limits.maxCost }),
  ] as Plugin[];
}
