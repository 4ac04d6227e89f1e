/**
 * The per-request context: the request's call accounting and a fresh data source bound to it,
 * over the process-wide guarded upstream and registry client, cursor codec and image and tag listing
 * caches, and the live-change hub that subscriptions open their streams on.
 */

import type { RepositoryRef } from './data/batching/refs';
import type { ImageListings } from './data/listings/image-listing';
import type { TagListings } from './data/listings/tag-listing';
import type { CursorCodec } from './data/paging/cursors';
import { createDataSource, type DataSource } from './data/source';
import { type CallStats, createCallStats } from './ecr/guard/call-stats';
import type { Upstream } from './ecr/guard/upstream';
import type { RegistryClient } from './registry';
import type { ChangeEvent, WatchHub } from './watch';

export interface GatewayContext {
  /** Everything resolvers may ask of ECR Public, for this request. */
  data: DataSource;
  /** What this request cost upstream. */
  stats: CallStats;
  /**
   * A subscriber's stream of the repository's changes: a place among SUBSCRIPTIONS_MAX first
   * (RATE_LIMITED, no call), then the repository looked up and its listing checked against
   * IMAGE_LISTING_CAP, through this request's data source and budget.
   */
  changes(ref: RepositoryRef, tagPrefix: string | undefined): Promise<AsyncIterableIterator<ChangeEvent>>;
}

export interface ContextDeps {
  upstream: Upstream;
  /** The registry of image contents (src/registry). */
  registry: RegistryClient;
  cursors: CursorCodec;
  listings: ImageListings;
  tagListings: TagListings;
  watch: WatchHub;
  /** The most upstream calls one request may make (QUERY_MAX_COST); undefined: no budget. */
  budget?: number;
}

export function createContext(deps: ContextDeps): GatewayContext {
  const stats = createCallStats(deps.budget);
  const upstream = deps.upstream.forRequest(stats);
  const data = createDataSource({
    upstream,
    cursors: deps.cursors,
    listings: deps.listings,
    tagListings: deps.tagListings,
    registry: deps.registry.forRequest(stats),
  });
  return {
    stats,
    data,
    async changes(ref, tagPrefix) {
      const slot = deps.watch.reserve();
      try {
        const repository = await data.repository(ref);
        const key = { registryId: repository.registryId ?? ref.registryId ?? '', repositoryName: ref.repositoryName };
        await data.checkListingCap(key);
        return await deps.watch.subscribe(slot, key, tagPrefix);
      } catch (error) {
        slot.release();
        throw error;
      }
    },
  };
}
