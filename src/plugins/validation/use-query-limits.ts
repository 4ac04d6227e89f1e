/**
 * What a hostile document meets before it can cost anything upstream: graphql-armor's depth, alias,
 * token, directive and length limits at parse and validation, field suggestions masked, and the
 * upstream cost limit before execution (use-query-cost.ts). Body size and media type are checked
 * before parsing (plugins/request/use-http-limits.ts).
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { characterLimitPlugin } from '@escape.tech/graphql-armor-character-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../../config';
import { useQueryCost } from './use-query-cost';

/** The limits, in the order they must run; `listingCap` (IMAGE_LISTING_CAP) prices whole listings. */
export function useQueryLimits(limits: QueryLimits, listingCap: number): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    // After max-tokens, whose parser would otherwise replace this check's: it wraps that parser.
    characterLimitPlugin({ maxLength: limits.maxQueryLength }),
    // Introspection counts too, so deep `ofType` nesting is refused; GraphiQL's own query is 13 deep.
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    blockFieldSuggestionsPlugin(),
    useQueryCost({ maxCost: limits.maxCost, listingCap }),
  ] as Plugin[];
}
