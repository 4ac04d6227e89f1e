/**
 * The listing a watcher polls: the whole of a repository's images with the largest pages, capped
 * by IMAGE_LISTING_CAP (BAD_USER_INPUT past it) and hashed, as data/listings/ fetches them for
 * ordered pages, but never from a cache: every poll asks ECR Public (DescribeImages, fresh), through
 * the request upstream the hub binds for it. Identical polls in flight are still shared.
 */
import { createImageListings } from '../data/listings/image-listing';
import type { RequestUpstream } from '../ecr/guard/upstream';
import type { WatchKey } from './events';
import type { FetchedListing } from './watcher';

export interface WatchListings {
  /** IMAGE_LISTING_CAP in force. */
  readonly cap: number;
  fetch(key: WatchKey, upstream: RequestUpstream): Promise<FetchedListing>;
}

export function createWatchListings(cap: number): WatchListings {
  const listings = createImageListings({ cap, ttlMs: 0 });
  return {
    cap,
    async fetch(key, upstream) {
      const listing = await listings.get(key.registryId, key.repositoryName, upstream);
      return { version: listing.version, items: listing.items };
    },
  };
}
