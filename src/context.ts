/**
 * The per-request context: the request's call accounting and a fresh data source bound to it,
 * over the process-wide guarded upstream and registry client, cursor codec and image and tag listing caches.
 */

import type { ImageListings } from './data/listings/image-listing';
import type { TagListings } from './data/listings/tag-listing';
import type { CursorCodec } from './data/paging/cursors';
import { createDataSource, type DataSource } from './data/source';
import { type CallStats, createCallStats } from './ecr/guard/call-stats';
import type { Upstream } from './ecr/guard/upstream';
import type { RegistryClient } from './registry';

export interface GatewayContext {
  /** Everything resolvers may ask of ECR Public, for this request. */
  data: DataSource;
  /** What this request cost upstream. */
  stats: CallStats;
}

export interface ContextDeps {
  upstream: Upstream;
  /** The registry of image contents (src/registry). */
  registry: RegistryClient;
  cursors: CursorCodec;
  listings: ImageListings;
  tagListings: TagListings;
  /** The most upstream calls one request may make (QUERY_MAX_COST); undefined: no budget. */
  budget?: number;
}

export function createContext(deps: ContextDeps): GatewayContext {
  const stats = createCallStats(deps.budget);
  const upstream = deps.upstream.forRequest(stats);
  return {
    stats,
    data: createDataSource({
      upstream,
      cursors: deps.cursors,
      listings: deps.listings,
      tagListings: deps.tagListings,
      registry: deps.registry.forRequest(stats),
    }),
  };
}
